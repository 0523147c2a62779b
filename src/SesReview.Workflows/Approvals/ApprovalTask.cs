using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// One person's task in a cycle. <see cref="Round"/> goes up when the signer sends the package back: the task opens again
/// and is complete once the approver submits in the new round.
/// </summary>
public sealed record ApprovalTask
{
    public required string CycleId { get; init; }
    public required string TaskId { get; init; }
    public required TaskKind Kind { get; init; }
    public int Round { get; init; } = 1;
    public required Person Approver { get; init; }
    public IReadOnlyList<string> Components { get; init; } = [];
    /// <summary>Positions to decide (decision tasks).</summary>
    public IReadOnlyList<string> PositionIds { get; init; } = [];
    public required DateTimeOffset DueAt { get; init; }
    public TaskState State { get; init; } = TaskState.Open;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Set when the task was escalated to the CHCO.</summary>
    public DateTimeOffset? OverdueSince { get; init; }
    public IReadOnlyList<Delegation> Delegations { get; init; } = [];
    /// <summary>Note from the signer when the package was sent back.</summary>
    public string? SendBackNote { get; init; }
    /// <summary>How many submissions were committed on this task (all rounds); numbers the next one.</summary>
    public int Submissions { get; init; }
    /// <summary>The latest committed submission; its records are written out unless <see cref="TaskSubmission.Applied"/>.</summary>
    public TaskSubmission? LastSubmission { get; init; }

    /// <summary>Instance id of the sub-orchestration that follows this task in its current round.</summary>
    public string InstanceId => TaskInstanceId(CycleId, TaskId, Round);

    public static string TaskInstanceId(string cycleId, string taskId, int round) => $"{cycleId}:task:{taskId}:r{round}";
}
