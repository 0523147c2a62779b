using System.Collections.Concurrent;
using Durable.AzureStorage.Internal;
using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;
using Microsoft.Extensions.Logging;

namespace Durable.AzureStorage;

// Activities: one shared work-item queue read by every worker (competing consumers); no partition ownership needed.
public sealed partial class AzureStorageOrchestrationService
{
    private readonly ConcurrentQueue<(QueueMessage Message, QueueEnvelope Envelope, TaskMessage Task, DateTimeOffset FetchedAt)> _activityBuffer = new();
    private readonly SemaphoreSlim _activityFetch = new(1, 1);

    /// <inheritdoc />
    /// <remarks>Transient storage faults are logged and end in null, never an exception.</remarks>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = DateTimeOffset.UtcNow + wait;
        var backoff = _options.PollBackoffMin;
        while (true)
        {
            while (_activityBuffer.TryDequeue(out var item))
            {
                // A message held too long may already be visible to others again; let it go.
                if (DateTimeOffset.UtcNow - item.FetchedAt > _options.MessageVisibilityTimeout / 2) continue;
                return new ActivityWorkItem
                {
                    Message = item.Task,
                    DequeueCount = item.Message.DequeueCount,
                    BackendState = new ActivitySession(item.Message.Id, item.Message.PopReceipt, item.Envelope),
                };
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
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
                remaining = deadline - DateTimeOffset.UtcNow;
                if (remaining <= TimeSpan.Zero) return null;
                await Task.Delay(backoff < remaining ? backoff : remaining, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.PollBackoffMax.Ticks));
            }
        }
    }

    private async Task<bool> FetchActivitiesAsync(TimeSpan maxRetryDuration, CancellationToken ct)
    {
        var messages = await _workItems.GetAsync(_options.ControlQueueBatchSize, _options.MessageVisibilityTimeout, ct, maxRetryDuration).ConfigureAwait(false);
        if (messages.Count == 0) return false;
        var now = DateTimeOffset.UtcNow;
        var accepted = new (QueueMessage, QueueEnvelope, TaskMessage, DateTimeOffset)?[messages.Count];
        await ForEachParallelAsync(Enumerable.Range(0, messages.Count), async (i, c) =>
        {
            var message = messages[i];
            QueueEnvelope envelope;
            TaskMessage task;
            try
            {
                envelope = MessageCodec.ParseEnvelope(message.Text);
                task = await _codec.ResolveAsync(envelope, c).ConfigureAwait(false);
                if (task.Event is not TaskScheduled) throw new InvalidDataException($"expected TaskScheduled, got {task.Event.GetType().Name}");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                await MoveToPoisonAsync(_workItems, message, null, $"Activity message {message.Id} is not a valid task message: {e.Message}", c).ConfigureAwait(false);
                return;
            }
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                var scheduled = (TaskScheduled)task.Event;
                string reason = $"Activity message {message.Id} for task '{scheduled.Name}' (task id {scheduled.EventId}) of instance '{task.InstanceId}' was dequeued " +
                    $"{message.DequeueCount} times (MaxDequeueCount {_options.MaxDequeueCount}); it is a poison message and was moved to the poison queue '{_poison.Name}'.";
                await _poison.AddAsync(StorageJson.Serialize(new PoisonRecord(_workItems.Name, message.Id, message.DequeueCount, task.InstanceId, reason, message.Text, DateTimeOffset.UtcNow)), null, c).ConfigureAwait(false);
                var failed = new TaskFailed(DateTimeOffset.UtcNow, scheduled.EventId, new FailureDetails("PoisonMessage", reason));
                await SendAsync(ControlQueueOf(task.InstanceId), new TaskMessage(task.InstanceId, task.ExecutionId, failed), c).ConfigureAwait(false);
                await _workItems.DeleteAsync(message.Id, message.PopReceipt, c).ConfigureAwait(false);
                _logger.LogError("Poison message: {Reason}", reason);
                return;
            }
            accepted[i] = (message, envelope, task, now);
        }, ct).ConfigureAwait(false);
        bool any = false;
        foreach (var item in accepted)
        {
            if (item is null) continue;
            _activityBuffer.Enqueue(item.Value);
            any = true;
        }
        return any || messages.Count > 0;
    }

    /// <inheritdoc />
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken)
    {
        var session = ActivitySessionOf(workItem);
        await SendAsync(ControlQueueOf(response.InstanceId), response, cancellationToken).ConfigureAwait(false);
        if (await _workItems.DeleteAsync(session.MessageId, session.PopReceipt, cancellationToken).ConfigureAwait(false))
            await _codec.DeleteBlobAsync(session.Envelope, cancellationToken).ConfigureAwait(false);
        session.Finished = true;
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        if (workItem.BackendState is ActivitySession { Finished: true }) return;
        var session = ActivitySessionOf(workItem);
        session.Finished = true;
        await _workItems.UpdateVisibilityAsync(session.MessageId, session.PopReceipt, _options.AbandonedMessageVisibilityDelay, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var session = ActivitySessionOf(workItem);
        string? receipt = await _workItems.UpdateVisibilityAsync(session.MessageId, session.PopReceipt, _options.MessageVisibilityTimeout, cancellationToken).ConfigureAwait(false);
        session.PopReceipt = receipt ?? throw new WorkItemLockLostException(workItem.Message.InstanceId);
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
