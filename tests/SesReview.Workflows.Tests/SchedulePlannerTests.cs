using SesReview.Domain.Calendar;
using SesReview.Domain.Settings;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Tests;

public sealed class SchedulePlannerTests
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Et(int y, int m, int d, int h, int min = 0) =>
        new(new DateTime(y, m, d, h, min, 0), Eastern.GetUtcOffset(new DateTime(y, m, d, h, min, 0)));

    private static SchedulePlanner Planner(WorkflowOptions? options = null, CalendarOptions? calendar = null) =>
        new(options ?? new WorkflowOptions(), new BusinessCalendar(calendar ?? new CalendarOptions()));

    [Fact]
    public void A_task_is_due_at_close_of_business_ten_business_days_later_with_reminders_three_and_one_business_days_before()
    {
        var plan = Planner().PlanTask(Et(2025, 3, 3, 10), cutOffAt: Et(2025, 3, 20, 17));
        Assert.Equal(Et(2025, 3, 17, 17), plan.DueAt);
        Assert.Equal([Et(2025, 3, 12, 9), Et(2025, 3, 14, 9)], plan.Reminders);
        Assert.Equal([3, 1], plan.ReminderBusinessDaysLeft);
    }

    [Fact]
    public void Escalations_start_at_the_due_time_and_repeat_every_two_business_days_until_the_cut_off()
    {
        // Due Monday 2025-03-17 17:00; repeats skip the weekend: Wed 19th, then Fri 21st is the cut-off itself (closed instead).
        var plan = Planner().PlanTask(Et(2025, 3, 3, 10), cutOffAt: Et(2025, 3, 21, 17));
        Assert.Equal([Et(2025, 3, 17, 17), Et(2025, 3, 19, 17)], plan.Escalations);
    }

    [Fact]
    public void Holidays_and_extra_closures_do_not_count_as_business_days()
    {
        // From Monday 2025-12-22: 24th (closure), 25th (Christmas), 26th (closure) and 1 Jan are skipped.
        var calendar = new CalendarOptions { ExtraClosures = [new DateOnly(2025, 12, 24), new DateOnly(2025, 12, 26)] };
        var plan = Planner(calendar: calendar).PlanTask(Et(2025, 12, 22, 9), cutOffAt: Et(2026, 2, 1, 17));
        // Business days after the 22nd: 23, 29, 30, 31, Jan 2, 5, 6, 7, 8, 9 → due 2026-01-09.
        Assert.Equal(Et(2026, 1, 9, 17), plan.DueAt);
    }

    [Fact]
    public void A_task_is_never_due_after_the_cut_off_and_is_not_escalated_at_it()
    {
        var plan = Planner().PlanTask(Et(2025, 3, 3, 10), cutOffAt: Et(2025, 3, 7, 17));
        Assert.Equal(Et(2025, 3, 7, 17), plan.DueAt);
        Assert.Empty(plan.Escalations);
        Assert.All(plan.Reminders, r => Assert.True(r < plan.DueAt));
    }

    [Fact]
    public void The_cut_off_and_the_deadline_warning_count_back_from_OPMs_deadline()
    {
        // OPM's deadline Monday 2025-03-24 17:00 ET: cut-off 2 business days before (Thu 20th COB), warning 5 before (Mon 17th 09:00).
        var cycle = Planner().PlanCycle(Et(2025, 2, 6, 9), Et(2025, 3, 24, 17));
        Assert.Equal(Et(2025, 3, 20, 17), cycle.CutOffAt);
        Assert.Equal(Et(2025, 3, 17, 9), cycle.DeadlineWarningAt);
    }

    [Fact]
    public void Short_durations_replace_the_business_day_rules_for_demos_and_tests()
    {
        var options = new WorkflowOptions
        {
            ApproverDueAfter = TimeSpan.FromSeconds(30),
            ReminderLeadTimes = [TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10)],
            EscalationRepeatAfter = TimeSpan.FromSeconds(15),
        };
        var start = Et(2025, 3, 3, 10);
        var plan = Planner(options).PlanTask(start, cutOffAt: start.AddMinutes(1));
        Assert.Equal(start.AddSeconds(30), plan.DueAt);
        Assert.Equal([start.AddSeconds(10), start.AddSeconds(20)], plan.Reminders);
        Assert.Equal([start.AddSeconds(30), start.AddSeconds(45)], plan.Escalations);
    }

    [Fact]
    public void A_sign_off_is_escalated_past_OPMs_deadline_until_it_is_answered()
    {
        // The sign-off is due by the deadline (Friday 2025-03-07 17:00); no cut-off closes it, so escalation repeats after it.
        var plan = Planner().PlanTask(Et(2025, 3, 3, 10), cutOffAt: Et(2025, 3, 7, 17), closesAtCutOff: false);
        Assert.Equal(Et(2025, 3, 7, 17), plan.DueAt);
        Assert.Equal(SchedulePlanner.MaxEscalations, plan.Escalations.Count);
        Assert.Equal([Et(2025, 3, 7, 17), Et(2025, 3, 11, 17), Et(2025, 3, 13, 17)], plan.Escalations.Take(3));
    }

    [Fact]
    public void Without_a_cut_off_a_task_gets_its_usual_due_period()
    {
        var plan = Planner().PlanTask(Et(2025, 3, 3, 10), cutOffAt: DateTimeOffset.MaxValue, closesAtCutOff: false);
        Assert.Equal(Et(2025, 3, 17, 17), plan.DueAt);
        Assert.NotEmpty(plan.Escalations);
    }
}
