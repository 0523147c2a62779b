namespace SesReview.Domain.Model;

/// <summary>Appointment types as OPM's PLUM data codes them. Parse and print with <see cref="Codes"/>.</summary>
public enum AppointmentType
{
    /// <summary>Career.</summary>
    CA,
    /// <summary>Noncareer.</summary>
    NA,
    /// <summary>Limited term (at most 3 years).</summary>
    TA,
    /// <summary>Limited emergency (at most 18 months).</summary>
    EA,
    CG,
    DA,
    XS,
    PAS,
    PA,
    SC,
}
