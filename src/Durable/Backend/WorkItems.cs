using Durable.History;

namespace Durable.Backend;

/// <summary>
/// Everything a worker needs to run one episode of one instance. While the worker holds it, no other worker runs
/// that instance (lease/lock). <see cref="NewMessages"/> holds ALL messages pending for the instance, so one replay
/// applies a whole batch of completions (fan-in costs O(N), not O(N²)).
/// </summary>
public sealed class OrchestrationWorkItem
{
    public required string InstanceId { get; init; }

    /// <summary>Committed history of the current execution, oldest first; empty for a new instance.</summary>
    public required IReadOnlyList<HistoryEvent> PastEvents { get; init; }

    public required IReadOnlyList<TaskMessage> NewMessages { get; init; }

    /// <summary>The instance row as last checkpointed; null for a new instance.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>How many times the oldest of <see cref="NewMessages"/> was dequeued; drives poison handling.</summary>
    public int DequeueCount { get; init; }

    /// <summary>Backend bookkeeping (lease, ETag, queue receipts). Opaque to the dispatcher.</summary>
    public object? BackendState { get; set; }
}

/// <summary>One activity execution handed to an activity worker (at least once).</summary>
public sealed class ActivityWorkItem
{
    public required TaskMessage Message { get; init; }
    public TaskScheduled Scheduled => (TaskScheduled)Message.Event;
    public int DequeueCount { get; init; }
    public object? BackendState { get; set; }
}

/// <summary>
/// The result of one episode, committed atomically with respect to the instance: the history append is guarded
/// (ETag/sentinel) so that a worker that lost its lease cannot commit, and outbound messages are sent only after
/// the history is saved (a crash in between re-sends them on the next episode; receivers tolerate duplicates).
/// </summary>
public sealed class OrchestrationCheckpoint
{
    /// <summary>Events to append to the current execution's history (including the consumed new messages' events).</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>The instance row after this episode.</summary>
    public required OrchestrationState NewState { get; init; }

    /// <summary>Activity executions to enqueue on the work-item queue (Event is <see cref="TaskScheduled"/>).</summary>
    public IReadOnlyList<TaskMessage> ActivityMessages { get; init; } = [];

    /// <summary>Timer messages to self (Event is <see cref="TimerFired"/>, DeliverAt set).</summary>
    public IReadOnlyList<TaskMessage> TimerMessages { get; init; } = [];

    /// <summary>Messages to other instances: sub-orchestration starts, results to a parent, raised events.</summary>
    public IReadOnlyList<TaskMessage> OrchestratorMessages { get; init; } = [];

    /// <summary>
    /// Set when the instance continued as new: history is replaced by a fresh execution starting with this event,
    /// and <see cref="CarryOverMessages"/> (unprocessed external events) are re-delivered to it.
    /// </summary>
    public ExecutionStarted? ContinueAsNewStart { get; init; }

    public IReadOnlyList<TaskMessage> CarryOverMessages { get; init; } = [];
}
