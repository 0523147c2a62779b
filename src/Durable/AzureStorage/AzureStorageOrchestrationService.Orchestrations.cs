using Durable.AzureStorage.Internal;
using Durable.Backend;
using Durable.History;
using Microsoft.Extensions.Logging;

namespace Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationService
{
    /// <inheritdoc />
    /// <remarks>
    /// Returns every message buffered for the instance (fetched 32 at a time from the owned control queues). Transient
    /// storage faults are logged and end in null, never an exception.
    /// </remarks>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        EnsurePartitionLoopStarted();
        var deadline = Now + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OwnedPartition? partition = null;
            string? instanceId = null;
            List<ControlMessage>? messages = null;
            Task signal;
            lock (_gate)
            {
                signal = _workSignal.Task;
                var now = Now;
                var usable = _owned.Values.Where(p => p.IsUsable(now)).OrderBy(p => p.Index).ToList();
                for (int k = 0; k < usable.Count && partition is null; k++)
                {
                    var p = usable[(_roundRobin + k) % usable.Count];
                    while (p.Ready.TryDequeue(out var id))
                    {
                        if (p.Busy.Contains(id) || !p.Pending.Remove(id, out var list)) continue;
                        p.PendingCount -= list.Count;
                        p.Busy.Add(id);
                        (partition, instanceId, messages) = (p, id, list);
                        _roundRobin = (_roundRobin + k + 1) % Math.Max(1, usable.Count);
                        break;
                    }
                }
            }

            if (partition is not null)
            {
                try
                {
                    var workItem = await BuildWorkItemAsync(partition, instanceId!, messages!, cancellationToken).ConfigureAwait(false);
                    if (workItem is not null) return workItem;
                    continue;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Could not load orchestration instance '{InstanceId}'; its messages will be retried", instanceId);
                    await ReturnMessagesAsync(partition, instanceId!, messages!, _options.AbandonedMessageVisibilityDelay).ConfigureAwait(false);
                    return null;
                }
            }

            var remaining = deadline - Now;
            if (remaining <= TimeSpan.Zero) return null;
            try
            {
                await signal.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    private async Task<OrchestrationWorkItem?> BuildWorkItemAsync(OwnedPartition partition, string instanceId, List<ControlMessage> messages, CancellationToken ct)
    {
        InstanceSnapshot? snapshot;
        lock (_gate) _cache.TryGetValue(instanceId, out snapshot);
        bool loaded = snapshot is null;
        snapshot ??= await _history.LoadAsync(instanceId, ct).ConfigureAwait(false);

        if (!snapshot.OutboxFlushed)
        {
            // The last commit's sends may not have happened (the worker stopped in between): send again.
            if (snapshot.Outbox.Count > 0) await SendOutboxAsync(snapshot.Outbox, ct).ConfigureAwait(false);
            snapshot.OutboxFlushed = true;
        }

        var duplicates = messages.Where(m => snapshot.ConsumedIds.Contains(m.Id)).ToList();
        if (duplicates.Count > 0)
        {
            await DeleteMessagesAsync(partition, duplicates, ct).ConfigureAwait(false);
            messages = messages.Except(duplicates).ToList();
        }

        var newMessages = messages.SelectMany(m => m.Messages)
            .OrderBy(m => m.Event is ExecutionStarted ? 0 : 1) // stable: a start comes first, the rest keep their order
            .ToList();
        var start = newMessages.Select(m => m.Event).OfType<ExecutionStarted>().FirstOrDefault();
        string executionId = snapshot.ExecutionId;
        bool newExecution = false;
        if (start is not null && start.ExecutionId != snapshot.ExecutionId)
        {
            executionId = start.ExecutionId;
            newExecution = true;
        }
        else if (start is null && snapshot.PendingStart is { } pending && snapshot.Events.Count == 0)
        {
            // Continued as new, but the start message was lost with a crashed worker: the sentinel remembers it.
            newMessages.Insert(0, new TaskMessage(instanceId, pending.ExecutionId, pending));
        }

        if (newMessages.Count == 0)
        {
            lock (_gate) StoreSnapshot(instanceId, snapshot);
            await ReturnMessagesAsync(partition, instanceId, [], null).ConfigureAwait(false);
            return null;
        }

        lock (_gate) StoreSnapshot(instanceId, snapshot);
        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            PastEvents = newExecution ? [] : snapshot.Events.ToArray(),
            NewMessages = newMessages,
            State = snapshot.State,
            DequeueCount = messages.Count == 0 ? 1 : messages.Max(m => m.DequeueCount),
            BackendState = new OrchestrationSession(partition, messages, snapshot, executionId, newExecution, loaded),
        };
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var session = SessionOf(workItem);
        string instanceId = workItem.InstanceId;
        var snapshot = session.Snapshot;

        var outbox = new List<OutboundMessage>();
        outbox.AddRange(checkpoint.ActivityMessages.Select(m => new OutboundMessage(true, m)));
        outbox.AddRange(checkpoint.TimerMessages.Select(m => new OutboundMessage(false, m)));
        outbox.AddRange(checkpoint.OrchestratorMessages.Select(m => new OutboundMessage(false, m)));
        if (checkpoint.ContinueAsNewStart is { } next)
        {
            outbox.Add(new OutboundMessage(false, new TaskMessage(instanceId, next.ExecutionId, next), Phase: 1));
            outbox.AddRange(checkpoint.CarryOverMessages.Select(m => new OutboundMessage(false, m, Phase: 2)));
        }
        var consumed = session.Messages.Select(m => m.Id).ToList();
        if (session.LoadedFromStorage) consumed.AddRange(snapshot.ConsumedIds.Except(consumed));

        int baseCount = session.NewExecution ? 0 : snapshot.Events.Count;
        string? etag;
        try
        {
            etag = await _history.CommitAsync(instanceId, snapshot.SentinelETag, session.ExecutionId, baseCount, checkpoint.NewEvents,
                checkpoint.ContinueAsNewStart, outbox, consumed, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate) _cache.Remove(instanceId);
            throw;
        }
        if (etag is null)
        {
            _logger.LogWarning("Checkpoint of '{InstanceId}' refused: the sentinel changed (another worker ran the instance)", instanceId);
            lock (_gate) _cache.Remove(instanceId);
            await FinishSessionAsync(workItem, session, _options.AbandonedMessageVisibilityDelay).ConfigureAwait(false);
            throw new WorkItemLockLostException(instanceId);
        }

        List<HistoryEvent> events;
        if (checkpoint.ContinueAsNewStart is not null) events = [];
        else if (session.NewExecution) events = [.. checkpoint.NewEvents];
        else
        {
            events = snapshot.Events;
            events.AddRange(checkpoint.NewEvents);
        }
        var committed = new InstanceSnapshot
        {
            SentinelETag = etag,
            ExecutionId = checkpoint.ContinueAsNewStart?.ExecutionId ?? session.ExecutionId,
            Events = events,
            State = checkpoint.NewState,
            PendingStart = checkpoint.ContinueAsNewStart,
            Outbox = outbox,
            ConsumedIds = consumed,
            OutboxFlushed = false,
        };
        lock (_gate) StoreSnapshot(instanceId, committed);

        // Committed. From here a failure leaves the messages to be re-delivered; the next episode re-sends the outbox
        // and drops the re-delivered consumed messages.
        await Task.WhenAll(
            _instances.WriteAsync(checkpoint.NewState, cancellationToken),
            SendOutboxAsync(outbox, cancellationToken)).ConfigureAwait(false);
        committed.OutboxFlushed = true;
        await DeleteMessagesAsync(session.Partition, session.Messages, cancellationToken).ConfigureAwait(false);
        await FinishSessionAsync(workItem, session, null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var session = SessionOf(workItem, allowFinished: true);
        if (session.Finished) return;
        lock (_gate) _cache.Remove(workItem.InstanceId);
        await FinishSessionAsync(workItem, session, _options.AbandonedMessageVisibilityDelay).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RenewOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var session = SessionOf(workItem);
        lock (_gate)
        {
            if (!_owned.TryGetValue(session.Partition.Index, out var p) || p != session.Partition || p.LeaseExpiresAt <= Now)
                throw new WorkItemLockLostException(workItem.InstanceId);
        }
        await ForEachParallelAsync(session.Messages.Where(m => !m.IsLocal).GroupBy(m => m.QueueId).Select(g => g.First()), async (m, c) =>
        {
            string current;
            lock (_gate) current = m.PopReceipt;
            string? receipt = await session.Partition.Queue.UpdateVisibilityAsync(m.QueueId, current, _options.MessageVisibilityTimeout, c).ConfigureAwait(false);
            if (receipt is not null) lock (_gate) m.PopReceipt = receipt;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static OrchestrationSession SessionOf(OrchestrationWorkItem workItem, bool allowFinished = false)
    {
        if (workItem.BackendState is not OrchestrationSession session)
            throw new ArgumentException("The work item was not issued by this Azure Storage backend.", nameof(workItem));
        if (session.Finished && !allowFinished)
            throw new InvalidOperationException($"The work item of '{workItem.InstanceId}' was already completed or abandoned.");
        return session;
    }

    private async Task FinishSessionAsync(OrchestrationWorkItem workItem, OrchestrationSession session, TimeSpan? returnAfter)
    {
        session.Finished = true;
        await ReturnMessagesAsync(session.Partition, workItem.InstanceId, returnAfter is null ? [] : session.Messages, returnAfter).ConfigureAwait(false);
    }

    /// <summary>Unlocks the instance; <paramref name="messages"/> (not deleted) become visible again after <paramref name="after"/>.</summary>
    private async Task ReturnMessagesAsync(OwnedPartition partition, string instanceId, List<ControlMessage> messages, TimeSpan? after)
    {
        lock (_gate)
        {
            foreach (var m in messages) partition.Known.Remove(m.Id);
            partition.Busy.Remove(instanceId);
            if (partition.Pending.ContainsKey(instanceId)) partition.Ready.Enqueue(instanceId);
        }
        SignalWork();
        if (messages.Count == 0 || after is null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Task.WhenAll(
                ForEachParallelAsync(messages.Where(m => m.Shared is null && !m.IsLocal), (m, c) => partition.Queue.UpdateVisibilityAsync(m.Id, m.PopReceipt, after.Value, c), cts.Token),
                GiveBackPartsAsync(partition, messages.Where(m => m.Shared is not null).ToList(), after.Value, cts.Token),
                GiveBackLocalAsync(messages.Where(m => m.IsLocal).ToList())).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Could not shorten the visibility of abandoned messages of '{InstanceId}'", instanceId);
        }
    }

    /// <summary>
    /// Gives parts of shared messages back: each is re-enqueued as a message of its own (visible after <paramref name="after"/>)
    /// and counts as consumed in its shared message; if that fails, the shared message is made visible again once all its
    /// parts are resolved (every part is then delivered again; results are dropped by task id when already applied).
    /// </summary>
    private async Task GiveBackPartsAsync(OwnedPartition partition, IReadOnlyList<ControlMessage> parts, TimeSpan after, CancellationToken ct)
    {
        await ForEachParallelAsync(parts.Where(TryMarkResolved).ToList(), async (m, c) =>
        {
            bool requeued = false;
            try
            {
                foreach (string text in await _codec.EncodeBatchesAsync(m.Messages, _options.MaxResultsPerMessage, c).ConfigureAwait(false))
                    await partition.Queue.AddAsync(text, after, c).ConfigureAwait(false);
                requeued = true;
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "Could not re-enqueue the part of shared message {MessageId} for '{InstanceId}'", m.QueueId, m.InstanceId);
            }
            await ResolvePartAsync(partition, m, returned: !requeued, c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Marks a local result or shared-message part as resolved; false if it already was (it must be counted once).</summary>
    private bool TryMarkResolved(ControlMessage m)
    {
        lock (_gate)
        {
            if (m.Resolved) return false;
            m.Resolved = true;
            return true;
        }
    }

    /// <summary>Counts a part of a shared message as done; the last one deletes the queue message (or makes it visible again if a part could not be given back).</summary>
    private async Task ResolvePartAsync(OwnedPartition partition, ControlMessage part, bool returned, CancellationToken ct)
    {
        var shared = part.Shared!;
        bool last;
        string receipt;
        lock (_gate)
        {
            if (returned) shared.AnyReturned = true;
            last = --shared.Remaining == 0;
            if (last) partition.SharedKnown.Remove(shared.QueueId);
            receipt = shared.PopReceipt;
        }
        if (!last) return;
        if (shared.AnyReturned) await partition.Queue.UpdateVisibilityAsync(shared.QueueId, receipt, _options.AbandonedMessageVisibilityDelay, ct).ConfigureAwait(false);
        else await partition.Queue.DeleteAsync(shared.QueueId, receipt, ct).ConfigureAwait(false);
    }

    private async Task DeleteMessagesAsync(OwnedPartition partition, IReadOnlyList<ControlMessage> messages, CancellationToken ct)
    {
        await ForEachParallelAsync(messages, async (m, c) =>
        {
            if (m.Shared is not null)
            {
                if (TryMarkResolved(m)) await ResolvePartAsync(partition, m, returned: false, c).ConfigureAwait(false);
                return;
            }
            if (m.LocalOrigin is { } origin)
            {
                if (TryMarkResolved(m)) await ResolveActivityAsync(origin, abandoned: false, c).ConfigureAwait(false);
                return;
            }
            string receipt;
            lock (_gate) receipt = m.PopReceipt;
            if (await partition.Queue.DeleteAsync(m.Id, receipt, c).ConfigureAwait(false))
                await _codec.DeleteBlobAsync(m.Envelope, c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        lock (_gate)
            foreach (var m in messages) partition.Known.Remove(m.Id);
    }

    /// <summary>Caches an instance's snapshot (caller holds the gate). Evicts the oldest entries beyond the capacity.</summary>
    private void StoreSnapshot(string instanceId, InstanceSnapshot snapshot)
    {
        if (_options.HistoryCacheCapacity == 0) return;
        if (!_cache.ContainsKey(instanceId)) _cacheOrder.Enqueue(instanceId);
        _cache[instanceId] = snapshot;
        while (_cache.Count > _options.HistoryCacheCapacity && _cacheOrder.TryDequeue(out var oldest))
            _cache.Remove(oldest);
        if (_cacheOrder.Count > 4 * Math.Max(_cache.Count, 16))
        {
            var live = _cacheOrder.Where(_cache.ContainsKey).Distinct().ToList();
            _cacheOrder.Clear();
            foreach (var id in live) _cacheOrder.Enqueue(id);
        }
    }
}
