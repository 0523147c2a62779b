namespace SesReview.Domain.Settings;

/// <summary>
/// Executive allocation review (OPM memo of November 24, 2025). Bound from configuration section
/// <see cref="SectionName"/>.
/// </summary>
public sealed class AllocationReviewOptions
{
    public const string SectionName = "SesReview:AllocationReview";

    /// <summary>Date of the memo. Default 2025-11-24.</summary>
    public DateOnly MemoDate { get; set; } = new(2025, 11, 24);

    /// <summary>Due date; submissions are due at close of business that day. Default Friday 2025-12-19.</summary>
    public DateOnly DueDate { get; set; } = new(2025, 12, 19);

    /// <summary>
    /// The memo's interval from memo to due date (25 calendar days by default): a new cycle's default deadline is its
    /// memo date plus this, rolled forward to a business day.
    /// </summary>
    public int DeadlineCalendarDays => DueDate.DayNumber - MemoDate.DayNumber;

    /// <summary>
    /// Vacancy rate (vacant ÷ allocated) above which a line needs a reason or justification. OPM asked for
    /// explanations above 8% in past cycles (unconfirmed for this one). Default 0.08.
    /// </summary>
    public decimal VacancyExplanationThreshold { get; set; } = 0.08m;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(DueDate >= MemoDate, SectionName, nameof(DueDate), $"must not be before {nameof(MemoDate)} ({MemoDate:yyyy-MM-dd}).");
        OptionsValidation.Require(VacancyExplanationThreshold >= 0m && VacancyExplanationThreshold <= 1m, SectionName, nameof(VacancyExplanationThreshold), $"must be a fraction between 0 and 1 (was {VacancyExplanationThreshold}).");
    }
}
