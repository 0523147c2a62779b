namespace SesReview.Domain.Settings;

/// <summary>
/// Protections of career appointees that a reversion may touch (5 U.S.C. 3395). The review only flags
/// them for the CHCO; it never schedules a reassignment. Bound from section <see cref="SectionName"/>.
/// </summary>
public sealed class ReassignmentOptions
{
    public const string SectionName = "SesReview:Reassignment";

    /// <summary>Written notice before reassigning a career appointee, 5 U.S.C. 3395(a)(2)(A). Default 15 days.</summary>
    public int NoticeDays { get; set; } = 15;

    /// <summary>Notice when the reassignment is outside the commuting area, 5 U.S.C. 3395(a)(2)(B). Default 60 days.</summary>
    public int NoticeDaysOutsideCommutingArea { get; set; } = 60;

    /// <summary>No involuntary reassignment of a career appointee within this many days after a new agency head is appointed, 5 U.S.C. 3395(e). Default 120.</summary>
    public int MoratoriumDays { get; set; } = 120;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(NoticeDays >= 0, SectionName, nameof(NoticeDays), $"must not be negative (was {NoticeDays}).");
        OptionsValidation.Require(NoticeDaysOutsideCommutingArea >= NoticeDays, SectionName, nameof(NoticeDaysOutsideCommutingArea), $"must be at least {nameof(NoticeDays)} ({NoticeDays}) (was {NoticeDaysOutsideCommutingArea}).");
        OptionsValidation.Require(MoratoriumDays >= 0, SectionName, nameof(MoratoriumDays), $"must not be negative (was {MoratoriumDays}).");
    }
}
