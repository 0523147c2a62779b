using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Approvals;

/// <summary>An approver handed the task to someone else; the old link stops working, the delegate gets a new one.</summary>
public sealed record Delegation(Person From, Person To, DateTimeOffset At, string? Note);
