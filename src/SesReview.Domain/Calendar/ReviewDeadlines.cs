using SesReview.Domain.Settings;

namespace SesReview.Domain.Calendar;

/// <summary>The due dates of the two review cycles, from settings and the business calendar.</summary>
public sealed class ReviewDeadlines(
    BusinessCalendar calendar,
    DesignationReviewOptions designation,
    AllocationReviewOptions allocation)
{
    /// <summary>
    /// Designation review: memo date + 45 calendar days, rolled forward to a business day (Feb 5, 2025 memo;
    /// OPM moved Saturday 2025-03-22 to Monday 2025-03-24).
    /// </summary>
    public DateOnly DesignationDueDate =>
        calendar.CalendarDaysAfterRolledForward(designation.MemoDate, designation.DeadlineCalendarDays);

    /// <summary>Designation review due at close of business.</summary>
    public DateTimeOffset DesignationDueAt => calendar.CloseOfBusiness(DesignationDueDate);

    /// <summary>Allocation review: the configured due date (2025-12-19), rolled forward if the office is closed.</summary>
    public DateOnly AllocationDueDate => calendar.Deadline(allocation.DueDate);

    /// <summary>Allocation review due at close of business (2025-12-19 17:00 America/New_York).</summary>
    public DateTimeOffset AllocationDueAt => calendar.CloseOfBusiness(AllocationDueDate);
}
