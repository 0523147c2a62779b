namespace SesReview.Workflows.Scheduling;

/// <summary>When an approver's task is due, when reminders go out and when it is escalated; fixed when the task is created.</summary>
public sealed record TaskSchedule(DateTimeOffset DueAt, IReadOnlyList<DateTimeOffset> Reminders, DateTimeOffset EscalateAt, TimeSpan? EscalationRepeat, IReadOnlyList<int> ReminderBusinessDaysLeft);

/// <summary>The cycle-wide moments: when decisions close, when the CHCO is warned, and OPM's deadline.</summary>
public sealed record CycleSchedule(DateTimeOffset CutOffAt, DateTimeOffset DeadlineWarningAt, DateTimeOffset DeadlineAt);
