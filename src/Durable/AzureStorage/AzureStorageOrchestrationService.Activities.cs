using System.Collections.Concurrent;
using Durable.AzureStorage.Internal;
using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;
using Microsoft.Extensions.Logging;

namespace Durable.AzureStorage;

// Activities: one shared work-item queue read by every worker (competing consumers); no partition ownership needed.
// A queue message carries up to MaxActivitiesPerMessage activity executions (of one or several instances); its items are
// handed out one by one, so the worker's activity loops run them concurrently, and the message is deleted once all of
// them have completed.
public sealed partial class AzureStorageOrchestrationService
{
    private readonly ConcurrentQueue<(ActivityBatch Batch, TaskMessage Task)> _activityBuffer = new();
    private readonly SemaphoreSlim _activityFetch = new(1, 1);
    /// <summary>Activity work items per queue message in the last fetch (sizes the next fetch).</summary>
    private int _activitiesPerMessage = 1;

    /// <inheritdoc />
    /// <remarks>Transient storage faults are logged and end in null, never an exception.</remarks>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = Now + wait;
        var backoff = _options.PollBackoffMin;
        while (true)
        {
            while (_activityBuffer.TryDequeue(out var item))
            {
                // A message held too long may already be visible to others again; let it go (every item of it runs again).
                if (Now - item.Batch.RenewedAt > _options.MessageVisibilityTimeout / 2)
                {
                    _ = ResolveActivityAsync(item.Batch, abandoned: true, CancellationToken.None);
                    continue;
                }
                return new ActivityWorkItem
                {
                    Message = item.Task,
                    DequeueCount = item.Batch.DequeueCount,
                    BackendState = new ActivitySession(item.Batch),
                };
            }

            var remaining = deadline - Now;
            if (remaining <= TimeSpan.Zero) return null;
            bool fetched = false;
            if (await _activityFetch.WaitAsync(remaining, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (_activityBuffer.IsEmpty)
                    {
                        // While storage is down, the poll stops retrying at the caller's deadline. It is not cancelled:
                        // a cancelled request may have dequeued messages that would then stay hidden for the visibility timeout.
                        fetched = await FetchActivitiesAsync(remaining, CancellationToken.None).ConfigureAwait(false);
                    }
                    else fetched = true;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Reading the work-item queue failed; retrying");
                }
                finally
                {
                    _activityFetch.Release();
                }
            }
            if (!fetched)
            {
                remaining = deadline - Now;
                if (remaining <= TimeSpan.Zero) return null;
                await Task.Delay(backoff < remaining ? backoff : remaining, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.PollBackoffMax.Ticks));
            }
        }
    }

    private async Task<bool> FetchActivitiesAsync(TimeSpan maxRetryDuration, CancellationToken ct)
    {
        // Aim at about ActivityPrefetchCount work items per fetch, whatever the batch size of the messages.
        int count = Math.Clamp((_options.ActivityPrefetchCount + Volatile.Read(ref _activitiesPerMessage) - 1) / Volatile.Read(ref _activitiesPerMessage),
            1, _options.ControlQueueBatchSize);
        var messages = await _workItems.GetAsync(count, _options.MessageVisibilityTimeout, ct, maxRetryDuration).ConfigureAwait(false);
        if (messages.Count == 0) return false;
        var now = Now;
        var accepted = new (ActivityBatch, IReadOnlyList<TaskMessage>)?[messages.Count];
        await ForEachParallelAsync(Enumerable.Range(0, messages.Count), async (i, c) =>
        {
            var message = messages[i];
            QueueEnvelope envelope;
            IReadOnlyList<TaskMessage> tasks;
            try
            {
                envelope = MessageCodec.ParseEnvelope(message.Text);
                tasks = await _codec.ResolveAllAsync(envelope, c).ConfigureAwait(false);
                if (tasks.FirstOrDefault(t => t.Event is not TaskScheduled) is { } wrong)
                    throw new InvalidDataException($"expected TaskScheduled, got {wrong.Event.GetType().Name}");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                await MoveToPoisonAsync(_workItems, message, null, $"Activity message {message.Id} is not a valid task message: {e.Message}", c).ConfigureAwait(false);
                return;
            }
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                string Describe(TaskMessage t) => $"'{((TaskScheduled)t.Event).Name}' (task id {t.Event.EventId}) of instance '{t.InstanceId}'";
                string reason = $"Activity message {message.Id} for task {string.Join(", ", tasks.Select(Describe))} was dequeued " +
                    $"{message.DequeueCount} times (MaxDequeueCount {_options.MaxDequeueCount}); it is a poison message and was moved to the poison queue '{_poison.Name}'.";
                await _poison.AddAsync(StorageJson.Serialize(new PoisonRecord(_workItems.Name, message.Id, message.DequeueCount, tasks[0].InstanceId, reason, message.Text, Now)), null, c).ConfigureAwait(false);
                var failures = tasks.Select(t => new TaskMessage(t.InstanceId, t.ExecutionId,
                    new TaskFailed(Now, t.Event.EventId, new FailureDetails("PoisonMessage", reason)))).ToList();
                await SendResultsAsync(failures).ConfigureAwait(false);
                if (await _workItems.DeleteAsync(message.Id, message.PopReceipt, c).ConfigureAwait(false))
                    await _codec.DeleteBlobAsync(envelope, c).ConfigureAwait(false);
                _logger.LogError("Poison message: {Reason}", reason);
                return;
            }
            accepted[i] = (new ActivityBatch(message.Id, message.PopReceipt, message.DequeueCount, envelope, tasks.Count, now), tasks);
        }, ct).ConfigureAwait(false);
        int items = 0, batches = 0;
        foreach (var entry in accepted)
        {
            if (entry is not { } e) continue;
            foreach (var task in e.Item2) _activityBuffer.Enqueue((e.Item1, task));
            items += e.Item2.Count;
            batches++;
        }
        if (batches > 0) Volatile.Write(ref _activitiesPerMessage, Math.Max(1, items / batches));
        return true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The result goes to the instance's control queue together with other results for instances of that partition sent
    /// at the same moment (one queue message, split per instance by the partition's owner). The work-item message is deleted when the last of its items completes.
    /// </remarks>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken)
    {
        var session = ActivitySessionOf(workItem);
        if (TryDeliverLocally(response, session.Batch))
        {
            session.Finished = true;
            return;
        }
        await SendResultsAsync([response]).WaitAsync(cancellationToken).ConfigureAwait(false);
        session.Finished = true;
        await ResolveActivityAsync(session.Batch, abandoned: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The work-item message becomes visible again (after <c>AbandonedMessageVisibilityDelay</c>) once every item of
    /// it has completed or been abandoned; all its items then run again.
    /// </remarks>
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        if (workItem.BackendState is ActivitySession { Finished: true }) return;
        var session = ActivitySessionOf(workItem);
        session.Finished = true;
        await ResolveActivityAsync(session.Batch, abandoned: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var batch = ActivitySessionOf(workItem).Batch;
        await batch.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (batch.Lost) throw new WorkItemLockLostException(workItem.Message.InstanceId);
            // Items of one message renewing together: one update is enough.
            var window = TimeSpan.FromTicks(Math.Min(_options.MessageVisibilityTimeout.Ticks / 4, TimeSpan.FromSeconds(5).Ticks));
            if (Now - batch.RenewedAt < window) return;
            string? receipt = await _workItems.UpdateVisibilityAsync(batch.MessageId, batch.PopReceipt, _options.MessageVisibilityTimeout, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                batch.Lost = true;
                throw new WorkItemLockLostException(workItem.Message.InstanceId);
            }
            batch.PopReceipt = receipt;
            batch.RenewedAt = Now;
        }
        finally
        {
            batch.Gate.Release();
        }
    }

    /// <summary>
    /// When this worker owns the instance's partition, hands the result to it in memory instead of through the control
    /// queue. The work-item message is then deleted only after the episode applying the result has committed (or the
    /// result was sent to the queue after all: episode abandoned, partition handed over), so at-least-once holds.
    /// </summary>
    private bool TryDeliverLocally(TaskMessage response, ActivityBatch origin)
    {
        if (!_options.LocalResultDelivery) return false;
        int index = _layout.PartitionOf(response.InstanceId);
        bool added;
        lock (_gate)
        {
            if (!_owned.TryGetValue(index, out var partition) || !partition.IsUsable(Now)) return false;
            var local = new ControlMessage("local-" + Guid.NewGuid().ToString("N"), "", 1, new QueueEnvelope(response.InstanceId), [response], localOrigin: origin);
            added = partition.Add(local);
        }
        if (added) SignalWork();
        return added;
    }

    /// <summary>Sends in-memory results to the control queue (their episode did not commit them), then releases their work items.</summary>
    private async Task GiveBackLocalAsync(IReadOnlyList<ControlMessage> candidates)
    {
        var locals = candidates.Where(TryMarkResolved).ToList();
        if (locals.Count == 0) return;
        bool sent = true;
        try
        {
            await SendResultsAsync([.. locals.SelectMany(m => m.Messages)]).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            sent = false;
            _logger.LogWarning(e, "Could not send {Count} activity result(s) to the control queue; the activities will run again", locals.Count);
        }
        foreach (var m in locals) await ResolveActivityAsync(m.LocalOrigin!, abandoned: !sent, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends activity results (TaskCompleted/TaskFailed) to their instances' control queues. Results sent at the same moment
    /// to one partition share queue messages, whatever their instance; the partition's owner splits them per instance.
    /// </summary>
    internal Task SendResultsAsync(IReadOnlyList<TaskMessage> results) =>
        Task.WhenAll(results.GroupBy(r => _layout.PartitionOf(r.InstanceId))
            .Select(g => _controlSender.SendAsync(_controlQueues[g.Key], [.. g], groupByInstance: false)));

    /// <summary>
    /// Counts one item of <paramref name="batch"/> as done. After the last one: deletes the message if every item completed,
    /// otherwise makes it visible again after <c>AbandonedMessageVisibilityDelay</c>.
    /// </summary>
    private async Task ResolveActivityAsync(ActivityBatch batch, bool abandoned, CancellationToken ct)
    {
        bool last;
        lock (batch)
        {
            if (abandoned) batch.AnyAbandoned = true;
            last = --batch.Remaining == 0;
        }
        if (!last) return;
        await batch.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (batch.AnyAbandoned)
                await _workItems.UpdateVisibilityAsync(batch.MessageId, batch.PopReceipt, _options.AbandonedMessageVisibilityDelay, ct).ConfigureAwait(false);
            else if (await _workItems.DeleteAsync(batch.MessageId, batch.PopReceipt, ct).ConfigureAwait(false))
                await _codec.DeleteBlobAsync(batch.Envelope, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The results (if any) are sent; the message comes back after its visibility timeout and its items run again.
            _logger.LogWarning(e, "Could not {Action} work-item message {MessageId}", batch.AnyAbandoned ? "release" : "delete", batch.MessageId);
        }
        finally
        {
            batch.Gate.Release();
        }
    }

    /// <summary>Gives back work items fetched but not handed out (shutdown), so other workers get them soon.</summary>
    private async Task ReleaseBufferedActivitiesAsync()
    {
        var tasks = new List<Task>();
        while (_activityBuffer.TryDequeue(out var item)) tasks.Add(ResolveActivityAsync(item.Batch, abandoned: true, CancellationToken.None));
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Could not release buffered activity work items");
        }
    }

    private static ActivitySession ActivitySessionOf(ActivityWorkItem workItem)
    {
        if (workItem.BackendState is not ActivitySession session)
            throw new ArgumentException("The work item was not issued by this Azure Storage backend.", nameof(workItem));
        if (session.Finished)
            throw new InvalidOperationException("The activity work item was already completed or abandoned.");
        return session;
    }
}
