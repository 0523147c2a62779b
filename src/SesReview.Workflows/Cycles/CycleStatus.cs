namespace SesReview.Workflows.Cycles;

/// <summary>The custom status every cycle sets at every step (read by the dashboard and the status API).</summary>
public sealed record CycleStatus
{
    public CyclePhase Phase { get; init; }
    public int Positions { get; init; }
    public int Assessed { get; init; }
    public int Identified { get; init; }
    public int AwaitingDecision { get; init; }
    public int Decided { get; init; }
    public int TasksOpen { get; init; }
    public int OverdueTasks { get; init; }
    public DateTimeOffset? NextReminder { get; init; }
    public DateTimeOffset? NextDeadline { get; init; }
    public int SignOffRound { get; init; }
    public string? Message { get; init; }
}
