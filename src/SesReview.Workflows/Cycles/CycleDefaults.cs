using SesReview.Domain.Calendar;
using SesReview.Domain.Settings;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// The one place that fills a start request's blank dates, so the form, the API and the service agree. The memos'
/// dates are examples (presets), not the only cycles: a blank memo date is today in the agency's time zone, and a
/// blank deadline is the memo date plus the memo's interval (45 calendar days for the designation review, 25 for the
/// allocation review, as OPM gave them), rolled forward to a business day. So the defaults always start a valid cycle.
/// </summary>
public sealed class CycleDefaults(
    BusinessCalendar calendar, SchedulePlanner planner, DesignationReviewOptions designation, AllocationReviewOptions allocation, TimeProvider time)
{
    /// <summary>Today in the agency's time zone: the memo date a blank gives.</summary>
    public DateOnly MemoDate() => planner.LocalDate(time.GetUtcNow());

    /// <summary>Calendar days from memo to deadline by the rules of <paramref name="kind"/>.</summary>
    public int DeadlineCalendarDays(CycleKind kind) =>
        kind == CycleKind.DesignationReview ? designation.DeadlineCalendarDays : allocation.DeadlineCalendarDays;

    /// <summary>The deadline a blank gives for a cycle of <paramref name="kind"/> whose memo is dated <paramref name="memoDate"/>.</summary>
    public DateOnly Deadline(CycleKind kind, DateOnly memoDate) =>
        calendar.CalendarDaysAfterRolledForward(memoDate, DeadlineCalendarDays(kind));

    /// <summary>The memo's own dates (February 5 / March 24, 2025; November 24 / December 19, 2025), shown as examples.</summary>
    public (DateOnly MemoDate, DateOnly Deadline) Historical(CycleKind kind) =>
        kind == CycleKind.DesignationReview
            ? (designation.MemoDate, calendar.CalendarDaysAfterRolledForward(designation.MemoDate, designation.DeadlineCalendarDays))
            : (allocation.MemoDate, calendar.Deadline(allocation.DueDate));
}
