using System.Runtime.CompilerServices;
using Durable.Backend;
using Durable.History;
using Durable.Options;

namespace Durable.Client;

/// <summary>
/// Starts, queries and controls orchestration instances (mirrors the SDK's <c>DurableTaskClient</c>). Every operation
/// is a message to the instance or a read of its status row; none waits for a worker unless its name says so.
/// </summary>
public sealed class DurableTaskClient(IOrchestrationService service, DurableTaskOptions? options = null, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly TimeSpan _maxPoll = (options ?? new DurableTaskOptions()).ClientMaxPollingInterval;

    /// <summary>
    /// Creates an instance (status Pending) and returns its id. <paramref name="instanceId"/> defaults to a new GUID;
    /// <paramref name="startAt"/> delays the first episode.
    /// </summary>
    /// <exception cref="InstanceAlreadyExistsException">An instance with this id exists and has not finished.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        string? instanceId = null,
        DateTimeOffset? startAt = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        instanceId ??= Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var started = new ExecutionStarted(_time.GetUtcNow(), orchestratorName, instanceId, Guid.NewGuid().ToString("N"),
            DurableJson.Serialize(input), null, startAt);
        await service.CreateInstanceAsync(new TaskMessage(instanceId, started.ExecutionId, started, startAt), cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>The instance's status, or null if there is no such instance.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var state = await service.GetStateAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return state is null ? null : new OrchestrationMetadata(state);
    }

    /// <summary>One page of instances matching <paramref name="query"/> (status, created range, id prefix, page size, continuation).</summary>
    public async Task<OrchestrationMetadataPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        var result = await service.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return new OrchestrationMetadataPage(result.Instances.Select(s => new OrchestrationMetadata(s)).ToList(), result.ContinuationToken);
    }

    /// <summary>Every instance matching <paramref name="query"/>, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query;
        while (true)
        {
            var page = await QueryInstancesAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>
    /// Delivers an event; buffered by the instance until it waits for that name. Dropped if the instance does not exist.
    /// Each call is one event: a queue's second delivery of it is dropped by the instance (<see cref="EventRaised.DeliveryId"/>).
    /// </summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var raised = new EventRaised(_time.GetUtcNow(), eventName, DurableJson.Serialize(eventPayload), Guid.NewGuid().ToString("N"));
        return Send(instanceId, raised, cancellationToken);
    }

    /// <summary>Stops the instance at its next episode: status Terminated, output = <paramref name="reason"/>. Running activities finish but their results are ignored.</summary>
    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Send(instanceId, new ExecutionTerminated(_time.GetUtcNow(), reason), cancellationToken);

    /// <summary>Pauses the instance: messages that arrive are recorded but not acted on until <see cref="ResumeInstanceAsync"/>.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Send(instanceId, new ExecutionSuspended(_time.GetUtcNow(), reason), cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Send(instanceId, new ExecutionResumed(_time.GetUtcNow(), reason), cancellationToken);

    /// <summary>Deletes a finished instance's status and history. A running instance is not purged (count 0).</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        new(await service.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false));

    public async Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) =>
        new(await service.PurgeInstancesAsync(filter, cancellationToken).ConfigureAwait(false));

    /// <summary>Polls (backing off up to <c>clientMaxPollingInterval</c>) until the instance is Completed, Failed or Terminated.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellationToken);

    /// <summary>Polls until the instance has left Pending (a worker ran its first episode).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <summary>Polls until <paramref name="condition"/> holds for the instance's status.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> condition, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            // Real-time backoff: polling is about storage load, not orchestration time.
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(_maxPoll.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private Task Send(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return service.SendTaskMessageAsync(new TaskMessage(instanceId, null, e), cancellationToken);
    }
}
