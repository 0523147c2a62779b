using Durable.History;

namespace Durable.Backend;

/// <summary>The row a client reads for an instance (instances table in Azure Storage).</summary>
public sealed record OrchestrationState
{
    public required string InstanceId { get; init; }
    public required string ExecutionId { get; init; }
    public required string Name { get; init; }
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public FailureDetails? Failure { get; init; }
    public ParentInstance? Parent { get; init; }

    /// <summary>The row of an instance that was just scheduled and has not run yet.</summary>
    public static OrchestrationState Pending(ExecutionStarted started, DateTimeOffset now) => new()
    {
        InstanceId = started.InstanceId,
        ExecutionId = started.ExecutionId,
        Name = started.Name,
        RuntimeStatus = OrchestrationRuntimeStatus.Pending,
        CreatedAt = now,
        LastUpdatedAt = now,
        Input = started.Input,
        Parent = started.Parent,
    };
}
