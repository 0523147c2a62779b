namespace SesReview.Domain.Settings;

/// <summary>
/// Thresholds of the career reserved designation review (OPM memo of February 5, 2025). Every value the
/// memo states only by example, or that DOMAIN.md marks unconfirmed, is here rather than in code.
/// Bound from configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class DesignationReviewOptions
{
    public const string SectionName = "SesReview:DesignationReview";

    /// <summary>Date of the memo; the deadline counts from it. Default 2025-02-05.</summary>
    public DateOnly MemoDate { get; set; } = new(2025, 2, 5);

    /// <summary>Criterion (a): positions General on this day are identified. Default 2021-01-19.</summary>
    public DateOnly CutoffDate { get; set; } = new(2021, 1, 19);

    /// <summary>First day of the prior administration's tenure counted for criterion (b). Default 2021-01-20.</summary>
    public DateOnly WindowStart { get; set; } = new(2021, 1, 20);

    /// <summary>
    /// The day the prior administration's tenure ended (at noon). The window counts whole days
    /// <see cref="WindowStart"/> up to but not including this day, so the default window 2021-01-20..2025-01-20
    /// has 1,461 days (<see cref="WindowDays"/>), as DOMAIN.md states. Default 2025-01-20.
    /// </summary>
    public DateOnly WindowEnd { get; set; } = new(2025, 1, 20);

    /// <summary>Criterion (b): General and NA-filled for at least this many days of the window. Default 731 (majority of 1,461).</summary>
    public int MajorityDays { get; set; } = 731;

    /// <summary>Deadline = memo date + this many calendar days (then rolled forward, see <see cref="CalendarOptions.RollDeadlinesForward"/>). Default 45.</summary>
    public int DeadlineCalendarDays { get; set; } = 45;

    /// <summary>Minimum length of the written justification for a retention request. Default 50 characters.</summary>
    public int MinimumRetentionJustificationLength { get; set; } = 50;

    /// <summary>Days in the window: <see cref="WindowEnd"/> − <see cref="WindowStart"/> (1,461 by default).</summary>
    public int WindowDays => WindowEnd.DayNumber - WindowStart.DayNumber;

    /// <summary>Last day counted in the window (the day before <see cref="WindowEnd"/>).</summary>
    public DateOnly WindowLastDay => WindowEnd.AddDays(-1);

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(WindowStart > CutoffDate, SectionName, nameof(WindowStart), $"must be after {nameof(CutoffDate)} ({CutoffDate:yyyy-MM-dd}).");
        OptionsValidation.Require(WindowEnd > WindowStart, SectionName, nameof(WindowEnd), $"must be after {nameof(WindowStart)} ({WindowStart:yyyy-MM-dd}).");
        OptionsValidation.Require(MemoDate >= WindowStart, SectionName, nameof(MemoDate), $"must not be before {nameof(WindowStart)} ({WindowStart:yyyy-MM-dd}).");
        OptionsValidation.Require(MajorityDays >= 1 && MajorityDays <= WindowDays, SectionName, nameof(MajorityDays), $"must be between 1 and the window's {WindowDays} days (was {MajorityDays}).");
        OptionsValidation.Require(DeadlineCalendarDays >= 0 && DeadlineCalendarDays <= 366, SectionName, nameof(DeadlineCalendarDays), $"must be between 0 and 366 (was {DeadlineCalendarDays}).");
        OptionsValidation.Require(MinimumRetentionJustificationLength >= 0 && MinimumRetentionJustificationLength <= 10_000, SectionName, nameof(MinimumRetentionJustificationLength), $"must be between 0 and 10000 (was {MinimumRetentionJustificationLength}).");
    }
}
