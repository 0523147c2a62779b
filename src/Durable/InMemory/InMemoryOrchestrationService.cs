using System.Collections;
using Durable.Backend;
using Durable.History;
using Durable.Options;

namespace Durable.InMemory;

/// <summary>
/// A task hub in process memory, for tests and local experiments. Keeps the semantics of the durable backends:
/// one lock holder per instance (lease with expiry, renewable), at-least-once delivery (an abandoned or expired work
/// item comes back with a higher dequeue count), delayed timer messages, duplicate sub-orchestration starts dropped,
/// and checkpoints refused with <see cref="WorkItemLockLostException"/> once the lease is lost. Nothing survives the process.
/// <para>
/// Time: <see cref="TimeProvider"/> drives what orchestrations observe (timestamps, when timer messages become due),
/// so a fake clock can fire a 30-day timer at once. Leases, abandon delays and polling use the real clock.
/// </para>
/// </summary>
public sealed class InMemoryOrchestrationService : IOrchestrationService
{
    private static readonly TimeSpan AbandonDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(25);

    private readonly TimeProvider _time;
    private readonly TimeSpan _lockTimeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ready = new(StringComparer.Ordinal);
    private readonly List<ActivityEntry> _activities = [];
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastToken;

    public InMemoryOrchestrationService(TimeProvider? timeProvider = null, DurableTaskOptions? options = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _lockTimeout = (options ?? new DurableTaskOptions()).WorkItemLockTimeout;
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _instances.Clear();
            _ready.Clear();
            _activities.Clear();
        }

        return Task.CompletedTask;
    }

    // ----------------------------------------------------------------- orchestrations

    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        PollAsync(TryLockInstance, wait, cancellationToken);

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var (instance, lease) = Owned(workItem);
            var consumed = lease.Messages.ToHashSet();
            instance.Messages.RemoveAll(consumed.Contains);
            var now = _time.GetUtcNow();

            if (checkpoint.ContinueAsNewStart is { } start)
            {
                instance.History = [];
                instance.Messages.Add(new PendingMessage(new TaskMessage(instance.Id, start.ExecutionId, start)));
            }
            else
            {
                instance.History.AddRange(checkpoint.NewEvents);
            }

            instance.State = checkpoint.NewState;
            instance.LockToken = 0;

            foreach (var message in checkpoint.CarryOverMessages)
            {
                instance.Messages.Add(new PendingMessage(message));
            }

            foreach (var message in checkpoint.TimerMessages)
            {
                instance.Messages.Add(new PendingMessage(message));
            }

            foreach (var message in checkpoint.ActivityMessages)
            {
                _activities.Add(new ActivityEntry(message));
            }

            foreach (var message in checkpoint.OrchestratorMessages)
            {
                Route(message, now);
            }

            MarkReady(instance);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (workItem.BackendState is Lease lease && _instances.TryGetValue(workItem.InstanceId, out var instance)
                && instance.LockToken == lease.Token)
            {
                instance.LockToken = 0;
                var visibleAt = Environment.TickCount64 + (long)AbandonDelay.TotalMilliseconds;
                foreach (var message in lease.Messages)
                {
                    message.VisibleAtTick = visibleAt;
                }

                Pulse();
            }
        }

        return Task.CompletedTask;
    }

    public Task RenewOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var (instance, _) = Owned(workItem);
            instance.LockExpiresTick = Environment.TickCount64 + (long)_lockTimeout.TotalMilliseconds;
        }

        return Task.CompletedTask;
    }

    private OrchestrationWorkItem? TryLockInstance()
    {
        var tick = Environment.TickCount64;
        var now = _time.GetUtcNow();
        List<string>? idle = null;
        foreach (var id in _ready)
        {
            var instance = _instances[id];
            if (instance.IsLocked(tick))
            {
                continue;
            }

            var executionId = instance.State?.ExecutionId;
            instance.Messages.RemoveAll(m => m.Message.ExecutionId is not null && m.Message.ExecutionId != executionId);
            if (instance.Messages.Count == 0)
            {
                (idle ??= []).Add(id);
                continue;
            }

            var deliverable = instance.Messages.Where(m => m.VisibleAtTick <= tick && (m.Message.DeliverAt is null || m.Message.DeliverAt <= now)).ToList();
            if (deliverable.Count == 0 || (instance.History.Count == 0 && !deliverable.Any(m => m.Message.Event is ExecutionStarted)))
            {
                continue;
            }

            instance.LockToken = ++_lastToken;
            instance.LockExpiresTick = tick + (long)_lockTimeout.TotalMilliseconds;
            foreach (var message in deliverable)
            {
                message.DequeueCount++;
            }

            RemoveIdle(idle);
            return new OrchestrationWorkItem
            {
                InstanceId = id,
                PastEvents = new HistoryView(instance.History, instance.History.Count),
                NewMessages = deliverable.Select(m => m.Message).ToList(),
                State = instance.State,
                DequeueCount = deliverable.Max(m => m.DequeueCount),
                BackendState = new Lease(instance.LockToken, deliverable),
            };
        }

        RemoveIdle(idle);
        return null;
    }

    private void RemoveIdle(List<string>? idle)
    {
        foreach (var id in idle ?? [])
        {
            _ready.Remove(id);
        }
    }

    private (Instance Instance, Lease Lease) Owned(OrchestrationWorkItem workItem)
    {
        if (workItem.BackendState is Lease lease && _instances.TryGetValue(workItem.InstanceId, out var instance)
            && instance.LockToken == lease.Token)
        {
            return (instance, lease);
        }

        throw new WorkItemLockLostException(workItem.InstanceId);
    }

    // ----------------------------------------------------------------- activities

    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        PollAsync(TryLockActivity, wait, cancellationToken);

    private ActivityWorkItem? TryLockActivity()
    {
        var tick = Environment.TickCount64;
        foreach (var entry in _activities)
        {
            if ((entry.LockToken != 0 && entry.LockExpiresTick > tick) || entry.VisibleAtTick > tick)
            {
                continue;
            }

            entry.LockToken = ++_lastToken;
            entry.LockExpiresTick = tick + (long)_lockTimeout.TotalMilliseconds;
            entry.DequeueCount++;
            return new ActivityWorkItem
            {
                Message = entry.Message,
                DequeueCount = entry.DequeueCount,
                BackendState = new ActivityLease(entry, entry.LockToken),
            };
        }

        return null;
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = OwnedActivity(workItem);
            _activities.Remove(entry);
            Route(response, _time.GetUtcNow());
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (workItem.BackendState is ActivityLease lease && lease.Entry.LockToken == lease.Token)
            {
                lease.Entry.LockToken = 0;
                lease.Entry.VisibleAtTick = Environment.TickCount64 + (long)AbandonDelay.TotalMilliseconds;
                Pulse();
            }
        }

        return Task.CompletedTask;
    }

    public Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OwnedActivity(workItem).LockExpiresTick = Environment.TickCount64 + (long)_lockTimeout.TotalMilliseconds;
        }

        return Task.CompletedTask;
    }

    private ActivityEntry OwnedActivity(ActivityWorkItem workItem) =>
        workItem.BackendState is ActivityLease lease && lease.Entry.LockToken == lease.Token && _activities.Contains(lease.Entry)
            ? lease.Entry
            : throw new WorkItemLockLostException(workItem.Message.InstanceId);

    // ----------------------------------------------------------------- client

    public Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken = default)
    {
        var started = (ExecutionStarted)executionStarted.Event;
        lock (_gate)
        {
            if (_instances.TryGetValue(started.InstanceId, out var existing) && existing.State is { } state && !state.RuntimeStatus.IsTerminal())
            {
                throw new InstanceAlreadyExistsException(started.InstanceId);
            }

            CreateFresh(executionStarted, started);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task SendTaskMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Route(message, _time.GetUtcNow());
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance) && instance.State is { } state
                ? Shape(state, includeInputsAndOutputs)
                : null);
        }
    }

    public Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var page = _instances.Values
                .Where(i => i.State is not null)
                .Select(i => i.State!)
                .Where(s => query.Statuses is null || query.Statuses.Count == 0 || query.Statuses.Contains(s.RuntimeStatus))
                .Where(s => query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom)
                .Where(s => query.CreatedTo is null || s.CreatedAt <= query.CreatedTo)
                .Where(s => query.InstanceIdPrefix is null || s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(s => query.ContinuationToken is null || string.CompareOrdinal(s.InstanceId, query.ContinuationToken) > 0)
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
                .Take(Math.Max(1, query.PageSize) + 1)
                .Select(s => Shape(s, query.IncludeInputsAndOutputs))
                .ToList();

            string? token = null;
            if (page.Count > Math.Max(1, query.PageSize))
            {
                page.RemoveAt(page.Count - 1);
                token = page[^1].InstanceId;
            }

            return Task.FromResult(new OrchestrationQueryResult(page, token));
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var instance) ? instance.History.ToList() : [];
            return Task.FromResult(history);
        }
    }

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var instance) && instance.State is { } state && state.RuntimeStatus.IsTerminal())
            {
                _instances.Remove(instanceId);
                _ready.Remove(instanceId);
                return Task.FromResult(1);
            }

            return Task.FromResult(0);
        }
    }

    public Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var victims = _instances.Values
                .Where(i => i.State is { } s && s.RuntimeStatus.IsTerminal()
                    && (filter.Statuses is null || filter.Statuses.Count == 0 || filter.Statuses.Contains(s.RuntimeStatus))
                    && (filter.CreatedFrom is null || s.CreatedAt >= filter.CreatedFrom)
                    && (filter.CreatedTo is null || s.CreatedAt <= filter.CreatedTo))
                .Select(i => i.Id)
                .ToList();
            foreach (var id in victims)
            {
                _instances.Remove(id);
                _ready.Remove(id);
            }

            return Task.FromResult(victims.Count);
        }
    }

    // ----------------------------------------------------------------- routing

    /// <summary>Delivers a message to an instance. Caller holds the gate.</summary>
    private void Route(TaskMessage message, DateTimeOffset now)
    {
        _instances.TryGetValue(message.InstanceId, out var instance);
        if (message.Event is ExecutionStarted started)
        {
            if (instance?.State is { } state)
            {
                if (state.ExecutionId == started.ExecutionId)
                {
                    return; // duplicate start (re-sent after a crash)
                }

                if (!state.RuntimeStatus.IsTerminal())
                {
                    if (started.Parent is { } parent)
                    {
                        Route(new TaskMessage(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(now, parent.TaskScheduledId,
                            new FailureDetails(typeof(InstanceAlreadyExistsException).FullName!, new InstanceAlreadyExistsException(started.InstanceId).Message))), now);
                    }

                    return;
                }
            }

            CreateFresh(message, started);
            return;
        }

        if (instance?.State is null)
        {
            return; // no such instance: dropped
        }

        instance.Messages.Add(new PendingMessage(message));
        MarkReady(instance);
    }

    private void CreateFresh(TaskMessage message, ExecutionStarted started)
    {
        if (!_instances.TryGetValue(started.InstanceId, out var instance))
        {
            _instances[started.InstanceId] = instance = new Instance(started.InstanceId);
        }

        var now = _time.GetUtcNow();
        instance.History = [];
        instance.Messages.Clear();
        instance.LockToken = 0; // a worker still holding the previous execution can no longer commit
        instance.State = OrchestrationState.Pending(started, now);
        instance.Messages.Add(new PendingMessage(message));
        MarkReady(instance);
    }

    private void MarkReady(Instance instance)
    {
        if (instance.Messages.Count > 0)
        {
            _ready.Add(instance.Id);
        }
    }

    private static OrchestrationState Shape(OrchestrationState state, bool includeInputsAndOutputs) =>
        includeInputsAndOutputs ? state : state with { Input = null, Output = null };

    private void Pulse()
    {
        var previous = _pulse;
        _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private async Task<T?> PollAsync<T>(Func<T?> tryTake, TimeSpan wait, CancellationToken cancellationToken) where T : class
    {
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task pulse;
            lock (_gate)
            {
                if (tryTake() is { } item)
                {
                    return item;
                }

                pulse = _pulse.Task;
            }

            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                return null;
            }

            // Wake on any change, and at least every slice (leases expire, timers come due on a fake clock).
            await Task.WhenAny(pulse, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(remaining, PollSlice.TotalMilliseconds)), cancellationToken))
                .ConfigureAwait(false);
        }
    }

    // ----------------------------------------------------------------- records

    private sealed class Instance(string id)
    {
        public string Id { get; } = id;
        public OrchestrationState? State { get; set; }
        public List<HistoryEvent> History { get; set; } = [];
        public List<PendingMessage> Messages { get; } = [];
        public long LockToken { get; set; }
        public long LockExpiresTick { get; set; }
        public bool IsLocked(long tick) => LockToken != 0 && LockExpiresTick > tick;
    }

    private sealed class PendingMessage(TaskMessage message)
    {
        public TaskMessage Message { get; } = message;
        public int DequeueCount { get; set; }
        public long VisibleAtTick { get; set; }
    }

    private sealed class ActivityEntry(TaskMessage message)
    {
        public TaskMessage Message { get; } = message;
        public int DequeueCount { get; set; }
        public long LockToken { get; set; }
        public long LockExpiresTick { get; set; }
        public long VisibleAtTick { get; set; }
    }

    private sealed record Lease(long Token, IReadOnlyList<PendingMessage> Messages);

    private sealed record ActivityLease(ActivityEntry Entry, long Token);

    /// <summary>The first <c>count</c> events of an append-only list: later appends do not show through.</summary>
    private sealed class HistoryView(List<HistoryEvent> events, int count) : IReadOnlyList<HistoryEvent>
    {
        public int Count => count;

        public HistoryEvent this[int index] =>
            (uint)index < (uint)count ? events[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<HistoryEvent> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return events[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
