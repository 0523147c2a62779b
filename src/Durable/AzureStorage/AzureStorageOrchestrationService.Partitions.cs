using Durable.AzureStorage.Internal;
using Durable.AzureStorage.Storage;
using Durable.Backend;
using Microsoft.Extensions.Logging;

namespace Durable.AzureStorage;

// Partition ownership: rows in {hub}Leases. PartitionKey "partitions", RowKey "NN": Owner + ExpiresAt, changed only
// with the row's ETag. PartitionKey "workers", RowKey worker id: a heartbeat. Each live worker's fair share is
// PartitionCount / live workers (by sorted id); a worker above its share drains and releases partitions, one below
// takes free or expired ones. A crashed worker's partitions expire after PartitionLeaseDuration.
public sealed partial class AzureStorageOrchestrationService
{
    private void EnsurePartitionLoopStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_partitionLoop is not null) return;
        lock (_gate)
        {
            _partitionLoop ??= Task.Run(() => PartitionLoopAsync(_shutdown.Token));
        }
    }

    private static TableRow NewPartitionRow(int index, string owner, DateTimeOffset expiresAt) =>
        new("partitions", index.ToString("D2")) { ["Owner"] = owner, ["ExpiresAt"] = expiresAt };

    private async Task PartitionLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await BalancePartitionsAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Partition lease renewal failed; retrying");
            }
            try
            {
                await Task.Delay(_options.PartitionLeaseRenewInterval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task BalancePartitionsAsync(CancellationToken ct)
    {
        string me = _options.WorkerId;
        var now = Now;
        await _leases.InsertOrReplaceAsync(new TableRow("workers", me) { ["ExpiresAt"] = now + _options.PartitionLeaseDuration }, ct).ConfigureAwait(false);

        var workers = new SortedSet<string>(StringComparer.Ordinal) { me };
        await foreach (var row in _leases.QueryAllAsync(TableFilter.Equal("PartitionKey", "workers"), null, ct).ConfigureAwait(false))
            if (row.GetDateTimeOffset("ExpiresAt") > now) workers.Add(row.RowKey);
        int index = workers.TakeWhile(w => w != me).Count();
        int target = _options.PartitionCount / workers.Count + (index < _options.PartitionCount % workers.Count ? 1 : 0);

        var rows = new Dictionary<int, TableRow>();
        await foreach (var row in _leases.QueryAllAsync(TableFilter.Equal("PartitionKey", "partitions"), null, ct).ConfigureAwait(false))
            if (int.TryParse(row.RowKey, out int i) && i < _options.PartitionCount) rows[i] = row;
        for (int i = 0; i < _options.PartitionCount; i++)
        {
            if (rows.ContainsKey(i)) continue;
            var row = NewPartitionRow(i, "", DateTimeOffset.UnixEpoch);
            await _leases.TryInsertAsync(row, ct).ConfigureAwait(false);
            if (await _leases.GetAsync(row.PartitionKey, row.RowKey, ct).ConfigureAwait(false) is { } fresh) rows[i] = fresh;
        }

        List<OwnedPartition> owned;
        lock (_gate) owned = [.. _owned.Values];
        foreach (var partition in owned)
        {
            var row = rows.GetValueOrDefault(partition.Index);
            if (row is null || row.GetString("Owner") != me || row.ETag != partition.LeaseETag)
            {
                _logger.LogWarning("Lost the lease of partition {Partition} to {Owner}", partition.Index, row?.GetString("Owner"));
                await ReleasePartitionAsync(partition, giveUpLease: false, ct).ConfigureAwait(false);
                continue;
            }
            bool idle;
            lock (_gate) idle = partition.Draining && partition.Busy.Count == 0;
            if (idle)
            {
                await ReleasePartitionAsync(partition, giveUpLease: true, ct).ConfigureAwait(false);
                continue;
            }
            var expires = Now + _options.PartitionLeaseDuration;
            string? etag = await _leases.TryReplaceAsync(NewPartitionRow(partition.Index, me, expires), partition.LeaseETag, ct).ConfigureAwait(false);
            if (etag is null)
            {
                await ReleasePartitionAsync(partition, giveUpLease: false, ct).ConfigureAwait(false);
                continue;
            }
            lock (_gate)
            {
                partition.LeaseETag = etag;
                partition.LeaseExpiresAt = expires;
            }
        }

        int active;
        lock (_gate) active = _owned.Values.Count(p => !p.Draining);
        if (active > target)
        {
            List<OwnedPartition> surplus;
            lock (_gate)
            {
                surplus = _owned.Values.Where(p => !p.Draining).OrderByDescending(p => p.Index).Take(active - target).ToList();
                foreach (var p in surplus) p.Draining = true;
            }
            foreach (var p in surplus)
            {
                _logger.LogInformation("Handing partition {Partition} over (share {Target} of {Workers} workers)", p.Index, target, workers.Count);
                await StopFetchingAsync(p).ConfigureAwait(false);
            }
        }
        else if (active < target)
        {
            // Start at a worker-specific offset so that workers joining together try different partitions first.
            int offset = (int)((uint)me.GetHashCode() % (uint)_options.PartitionCount);
            for (int k = 0; k < _options.PartitionCount && active < target; k++)
            {
                int i = (k + offset) % _options.PartitionCount;
                bool mine;
                lock (_gate) mine = _owned.ContainsKey(i);
                if (mine || !rows.TryGetValue(i, out var row)) continue;
                string owner = row.GetString("Owner") ?? "";
                if (owner.Length > 0 && row.GetDateTimeOffset("ExpiresAt") > Now) continue;
                var expires = Now + _options.PartitionLeaseDuration;
                string? etag = await _leases.TryReplaceAsync(NewPartitionRow(i, me, expires), row.ETag!, ct).ConfigureAwait(false);
                if (etag is null) continue;
                var partition = new OwnedPartition(i, _controlQueues[i]) { LeaseETag = etag, LeaseExpiresAt = expires };
                lock (_gate) _owned[i] = partition;
                partition.FetchLoop = Task.Run(() => FetchLoopAsync(partition, partition.FetchCancellation.Token));
                active++;
                _logger.LogInformation("Acquired partition {Partition} (previous owner '{Owner}')", i, owner);
            }
        }
    }

    private async Task StopFetchingAsync(OwnedPartition partition)
    {
        await partition.FetchCancellation.CancelAsync().ConfigureAwait(false);
        try { await partition.FetchLoop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        List<ControlMessage> buffered;
        lock (_gate) buffered = partition.DrainPending();
        // Let the next owner see them at once instead of after the visibility timeout.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Task.WhenAll(
                ForEachParallelAsync(buffered.Where(m => m.Shared is null && !m.IsLocal), (m, c) => partition.Queue.UpdateVisibilityAsync(m.Id, m.PopReceipt, TimeSpan.Zero, c), cts.Token),
                GiveBackPartsAsync(partition, buffered.Where(m => m.Shared is not null).ToList(), TimeSpan.Zero, cts.Token),
                GiveBackLocalAsync(buffered.Where(m => m.IsLocal).ToList())).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Could not make buffered messages of partition {Partition} visible", partition.Index);
        }
    }

    /// <summary>Stops using a partition; with <paramref name="giveUpLease"/> also clears its lease row so another worker takes it now.</summary>
    private async Task ReleasePartitionAsync(OwnedPartition partition, bool giveUpLease, CancellationToken ct)
    {
        lock (_gate) partition.Draining = true;
        await StopFetchingAsync(partition).ConfigureAwait(false);
        lock (_gate)
        {
            _owned.Remove(partition.Index);
            foreach (string id in _cache.Keys.Where(id => _layout.PartitionOf(id) == partition.Index).ToList()) _cache.Remove(id);
        }
        if (giveUpLease)
            await _leases.TryReplaceAsync(NewPartitionRow(partition.Index, "", DateTimeOffset.UnixEpoch), partition.LeaseETag, ct).ConfigureAwait(false);
        partition.FetchCancellation.Dispose();
        SignalWork();
    }

    /// <summary>
    /// Reads the partition's control queue while this worker owns it: up to <c>ControlQueueBatchSize</c> messages at a
    /// time, backing off when idle. Not-yet-due timer messages are re-enqueued for the remainder (timer chaining);
    /// messages dequeued more than <c>MaxDequeueCount</c> times go to the poison queue.
    /// </summary>
    private async Task FetchLoopAsync(OwnedPartition partition, CancellationToken ct)
    {
        var backoff = _options.PollBackoffMin;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                int buffered;
                lock (_gate) buffered = partition.PendingCount;
                if (buffered >= _options.MaxBufferedMessagesPerPartition)
                {
                    await Task.Delay(_options.PollBackoffMin, ct).ConfigureAwait(false);
                    continue;
                }
                // Not cancelled mid-request (dequeued messages would stay hidden); one attempt, the loop retries.
                var messages = await partition.Queue.GetAsync(_options.ControlQueueBatchSize, _options.MessageVisibilityTimeout, CancellationToken.None, TimeSpan.Zero).ConfigureAwait(false);
                if (ct.IsCancellationRequested)
                {
                    await ForEachParallelAsync(messages, (m, c) => partition.Queue.UpdateVisibilityAsync(m.Id, m.PopReceipt, TimeSpan.Zero, c), CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                if (messages.Count == 0)
                {
                    await Task.Delay(backoff, ct).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.PollBackoffMax.Ticks));
                    continue;
                }
                backoff = _options.PollBackoffMin;
                var accepted = new IReadOnlyList<ControlMessage>?[messages.Count];
                await ForEachParallelAsync(Enumerable.Range(0, messages.Count),
                    async (i, c) => accepted[i] = await AcceptControlMessageAsync(partition, messages[i], c).ConfigureAwait(false), ct).ConfigureAwait(false);
                bool added = false;
                lock (_gate)
                {
                    if (!partition.Draining)
                        foreach (var m in accepted.Where(a => a is not null).SelectMany(a => a!))
                        {
                            if (m.Shared is { } shared) partition.SharedKnown[shared.QueueId] = shared;
                            added |= partition.Add(m);
                        }
                }
                if (added) SignalWork();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Reading control queue {Queue} failed; retrying", partition.Queue.Name);
                try { await Task.Delay(_options.PollBackoffMax, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task<IReadOnlyList<ControlMessage>> AcceptControlMessageAsync(OwnedPartition partition, QueueMessage message, CancellationToken ct)
    {
        QueueEnvelope envelope;
        try
        {
            envelope = MessageCodec.ParseEnvelope(message.Text);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            await MoveToPoisonAsync(partition.Queue, message, null, $"Message {message.Id} in {partition.Queue.Name} is not a valid task message: {e.Message}", ct).ConfigureAwait(false);
            return [];
        }

        if (envelope.D is { } deliverAt && deliverAt > Now)
        {
            // A link of a chained timer came due early: re-enqueue for the remainder.
            await partition.Queue.AddAsync(message.Text, DelayUntil(deliverAt), ct).ConfigureAwait(false);
            await partition.Queue.DeleteAsync(message.Id, message.PopReceipt, ct).ConfigureAwait(false);
            Interlocked.Increment(ref TimerChainCount);
            return [];
        }

        lock (_gate)
        {
            if (partition.Known.TryGetValue(message.Id, out var known))
            {
                // Held past its visibility timeout and dequeued again by us: keep it, with the new receipt.
                known.PopReceipt = message.PopReceipt;
                known.DequeueCount = message.DequeueCount;
                return [];
            }
            if (partition.SharedKnown.TryGetValue(message.Id, out var sharedKnown))
            {
                sharedKnown.PopReceipt = message.PopReceipt;
                sharedKnown.DequeueCount = message.DequeueCount;
                return [];
            }
        }

        IReadOnlyList<TaskMessage> taskMessages;
        try
        {
            taskMessages = await _codec.ResolveAllAsync(envelope, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            await MoveToPoisonAsync(partition.Queue, message, envelope.I, $"Message {message.Id} for instance '{envelope.I}' cannot be read: {e.Message}", ct).ConfigureAwait(false);
            return [];
        }

        var byInstance = taskMessages.GroupBy(m => m.InstanceId, StringComparer.Ordinal).ToList();
        if (byInstance.Count > 1)
        {
            if (message.DequeueCount > 1)
            {
                // Delivered before (a worker stopped or lost the partition): split it into one message per instance, so
                // that one instance's trouble (poison counting) is not charged to the others. Parts already applied are
                // dropped by task id.
                foreach (var group in byInstance)
                    foreach (string text in await _codec.EncodeBatchesAsync([.. group], _options.MaxResultsPerMessage, ct).ConfigureAwait(false))
                        await partition.Queue.AddAsync(text, null, ct).ConfigureAwait(false);
                await partition.Queue.DeleteAsync(message.Id, message.PopReceipt, ct).ConfigureAwait(false);
                return [];
            }
            var shared = new SharedControlMessage(message.Id, message.PopReceipt, message.DequeueCount, byInstance.Count);
            return [.. byInstance.Select((g, k) => new ControlMessage($"{message.Id}:{k}", message.PopReceipt, message.DequeueCount, envelope, [.. g], shared))];
        }

        if (message.DequeueCount > _options.MaxDequeueCount)
        {
            var taskMessage = taskMessages[0];
            string reason = $"Message {message.Id} ({string.Join(", ", taskMessages.Select(m => m.Event.GetType().Name))}) for instance '{taskMessage.InstanceId}' was dequeued {message.DequeueCount} times " +
                $"(MaxDequeueCount {_options.MaxDequeueCount}) and was moved to the poison queue '{_poison.Name}'.";
            await MoveToPoisonAsync(partition.Queue, message, taskMessage.InstanceId, reason, ct).ConfigureAwait(false);
            await _instances.MarkFailedAsync(taskMessage.InstanceId, new Durable.History.FailureDetails("PoisonMessage", reason), ct).ConfigureAwait(false);
            lock (_gate) _cache.Remove(taskMessage.InstanceId);
            return [];
        }
        return [new ControlMessage(message.Id, message.PopReceipt, message.DequeueCount, envelope, taskMessages)];
    }
}
