namespace SesReview.Domain.Model;

/// <summary>
/// Designation of an ES position (5 U.S.C. 3132(b)). The short codes CR/GE are this product's own
/// (unconfirmed as OPM system codes); see <see cref="Codes"/>.
/// </summary>
public enum Designation
{
    /// <summary>Career Reserved (CR): only a career appointee may hold it.</summary>
    CareerReserved,
    /// <summary>General (GE): any type of appointee may hold it.</summary>
    General,
}
