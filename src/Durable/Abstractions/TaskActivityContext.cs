namespace Durable;

/// <summary>
/// What an activity sees. Activities run <b>at least once</b>: a worker crash after the activity's side effect but
/// before its result is saved re-runs it. Make outside effects idempotent with <see cref="IdempotencyKey"/>.
/// </summary>
public sealed class TaskActivityContext(string name, string instanceId, string? executionId, int taskId, int attempt, CancellationToken cancellationToken)
{
    public string Name { get; } = name;

    /// <summary>The orchestration instance that scheduled this activity.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The execution (changes with continue-as-new) that scheduled this activity.</summary>
    public string? ExecutionId { get; } = executionId;

    /// <summary>Sequence number of the scheduling step in the orchestration; unique within one execution.</summary>
    public int TaskId { get; } = taskId;

    /// <summary>How many times this work item was handed to a worker (1 on first delivery).</summary>
    public int DeliveryCount { get; } = attempt;

    /// <summary>Signalled when the worker stops; the activity may then be re-delivered elsewhere.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// Stable across re-deliveries of this activity and distinct for every other scheduled task:
    /// "{InstanceId}:{ExecutionId}:{TaskId}". Each retry attempt is a new task, so it gets a new key.
    /// </summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}:{TaskId}";
}
