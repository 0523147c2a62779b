namespace SesReview.Workflows.Audit;

/// <summary>
/// One thing that happened in a cycle: who (<paramref name="Actor"/>: an email, or <c>system</c>), when, through which
/// channel (<c>web</c>, <c>api</c>, <c>email</c>, <c>email+teams</c>, <c>system</c>), from which source address, and what.
/// </summary>
public sealed record AuditEntry(
    string CycleId,
    DateTimeOffset At,
    string Kind,
    string Actor,
    string Channel,
    string? SourceAddress,
    string Detail);

/// <summary>The kinds of audit entry.</summary>
public static class AuditKinds
{
    public const string CycleStarted = "cycle-started";
    public const string TaskSent = "task-sent";
    public const string Decision = "decision";
    public const string Proposal = "proposal";
    public const string Delegation = "delegation";
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string CutOff = "cut-off";
    public const string DeadlineWarning = "deadline-warning";
    public const string SignOffRequested = "sign-off-requested";
    public const string SignOff = "sign-off";
    public const string SentBack = "sent-back";
    public const string Submission = "submission";
    public const string Cancelled = "cancelled";
}
