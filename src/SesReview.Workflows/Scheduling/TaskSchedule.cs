namespace SesReview.Workflows.Scheduling;

/// <summary>
/// When an approver's task is due, when reminders go out (with the business days left, for the message) and when it is
/// escalated; fixed when the task is created so that replays see the same instants.
/// </summary>
public sealed record TaskSchedule(
    DateTimeOffset DueAt,
    IReadOnlyList<DateTimeOffset> Reminders,
    IReadOnlyList<int> ReminderBusinessDaysLeft,
    IReadOnlyList<DateTimeOffset> Escalations);

/// <summary>The cycle-wide moments: when decisions close, when the CHCO is warned, and OPM's deadline.</summary>
public sealed record CycleSchedule(DateTimeOffset CutOffAt, DateTimeOffset DeadlineWarningAt, DateTimeOffset DeadlineAt);
