using Durable.History;

namespace Durable.Backend;

/// <summary>
/// What a storage backend provides to the dispatcher and the client. Semantics every backend keeps:
/// at most one worker holds an instance's work item at a time; a checkpoint that lost its lock is refused with
/// <see cref="WorkItemLockLostException"/>; messages are delivered at least once; a message dequeued more than
/// the configured poison threshold is moved aside and the instance is marked failed with the reason.
/// </summary>
public interface IOrchestrationService
{
    /// <summary>Creates queues/tables/containers if missing. Safe to call from several workers.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the whole task hub (tests and tooling only).</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);

    // ----- dispatcher: orchestrations -----

    /// <summary>Waits up to <paramref name="wait"/> for an instance with pending messages and locks it; null if none.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Commits the episode, deletes the consumed messages and releases the lock.</summary>
    /// <exception cref="WorkItemLockLostException">Another worker took the instance; nothing was written.</exception>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Releases the lock without committing; the messages become visible again after a short delay.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Extends the lock of a long-running episode.</summary>
    Task RenewOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    // ----- dispatcher: activities -----

    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="response"/> (TaskCompleted/TaskFailed) to the orchestration, then deletes the work item.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken);

    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    // ----- client -----

    /// <summary>
    /// Creates the instance row (Pending) and sends its <see cref="ExecutionStarted"/> message.
    /// </summary>
    /// <exception cref="InstanceAlreadyExistsException">An instance with that id exists and is not terminal.</exception>
    Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken = default);

    /// <summary>Sends an event (raise, terminate, suspend, resume) to an instance's control queue.</summary>
    Task SendTaskMessageAsync(TaskMessage message, CancellationToken cancellationToken = default);

    Task<OrchestrationState?> GetStateAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken = default);

    Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Current execution's history, oldest first (diagnostics and tests).</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance's row, history and blobs. Returns the number purged (0 or 1).</summary>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);
}
