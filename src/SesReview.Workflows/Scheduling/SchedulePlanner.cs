using SesReview.Domain.Calendar;

namespace SesReview.Workflows.Scheduling;

/// <summary>
/// Turns the reminder and deadline rules (<see cref="WorkflowOptions"/>) into instants on the agency's business calendar.
/// Pure: the orchestrations call it inside an activity so that the result is recorded in history once.
/// </summary>
public sealed class SchedulePlanner(WorkflowOptions options, BusinessCalendar calendar)
{
    /// <summary>Decisions close, the CHCO is warned, OPM's deadline — for a cycle started at <paramref name="startedAt"/>.</summary>
    public CycleSchedule PlanCycle(DateTimeOffset startedAt, DateTimeOffset deadlineAt)
    {
        var deadlineDate = LocalDate(deadlineAt);
        var cutOff = options.InternalCutOffAfter is { } after
            ? startedAt + after
            : calendar.CloseOfBusiness(calendar.AddBusinessDays(deadlineDate, -options.InternalCutOffBusinessDaysBeforeDeadline));
        if (cutOff > deadlineAt) cutOff = deadlineAt;
        var warning = options.DeadlineAtRiskLeadTime is { } lead
            ? deadlineAt - lead
            : StartOfBusiness(calendar.AddBusinessDays(deadlineDate, -options.DeadlineAtRiskBusinessDays));
        return new CycleSchedule(cutOff, warning, deadlineAt);
    }

    /// <summary>Most escalations planned for one task (the CHCO is not told more often than this).</summary>
    public const int MaxEscalations = 20;

    /// <summary>
    /// An approver's task created at <paramref name="createdAt"/>: due at close of business the set number of business
    /// days later, never after <paramref name="cutOffAt"/>; reminders at the start of business the set numbers of business
    /// days before; escalation at the due time and then every set number of business days, as long as it is before the
    /// cut-off (at the cut-off the task is closed instead). A task that no cut-off closes (<paramref name="closesAtCutOff"/>
    /// false: the sign-off) is still due by <paramref name="cutOffAt"/> when that is ahead, but its escalations go on
    /// after it (up to <see cref="MaxEscalations"/>): a late package needs the signer more, not less.
    /// </summary>
    public TaskSchedule PlanTask(DateTimeOffset createdAt, DateTimeOffset cutOffAt, bool closesAtCutOff = true)
    {
        var due = options.ApproverDueAfter is { } after
            ? createdAt + after
            : calendar.CloseOfBusiness(calendar.AddBusinessDays(LocalDate(createdAt), options.ApproverDueBusinessDays));
        if (due > cutOffAt && (closesAtCutOff || cutOffAt > createdAt)) due = cutOffAt;

        var reminders = new List<(DateTimeOffset At, int DaysLeft)>();
        if (options.ReminderLeadTimes is { } leads)
        {
            reminders.AddRange(leads.Select(l => (due - l, 0)));
        }
        else
        {
            var dueDate = LocalDate(due);
            reminders.AddRange(options.ReminderBusinessDaysBefore.Select(d => (StartOfBusiness(calendar.AddBusinessDays(dueDate, -d)), d)));
        }
        var kept = reminders.Where(r => r.At > createdAt && r.At < due).DistinctBy(r => r.At).OrderBy(r => r.At).ToList();

        var escalations = new List<DateTimeOffset>();
        bool repeats = options.EscalationRepeatAfter is { } every ? every > TimeSpan.Zero : options.EscalationRepeatBusinessDays > 0;
        for (var at = due; (!closesAtCutOff || at < cutOffAt) && escalations.Count < MaxEscalations; at = NextEscalation(at))
        {
            escalations.Add(at);
            if (!repeats) break;
        }
        return new TaskSchedule(due, [.. kept.Select(r => r.At)], [.. kept.Select(r => r.DaysLeft)], escalations);
    }

    /// <summary>The next escalation after <paramref name="previous"/>: the same time of day, the set number of business days later.</summary>
    private DateTimeOffset NextEscalation(DateTimeOffset previous)
    {
        if (options.EscalationRepeatAfter is { } every) return previous + every;
        var local = TimeZoneInfo.ConvertTime(previous, calendar.TimeZone);
        var date = calendar.AddBusinessDays(DateOnly.FromDateTime(local.DateTime), Math.Max(1, options.EscalationRepeatBusinessDays));
        return At(date, TimeOnly.FromDateTime(local.DateTime));
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, calendar.TimeZone).DateTime);

    private DateTimeOffset StartOfBusiness(DateOnly date) => At(date, options.StartOfBusiness);

    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (calendar.TimeZone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}
