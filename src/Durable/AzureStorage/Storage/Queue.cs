using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace Durable.AzureStorage.Storage;

/// <summary>A dequeued message; <see cref="PopReceipt"/> changes whenever its visibility is updated.</summary>
internal sealed record QueueMessage(string Id, string PopReceipt, string Text, int DequeueCount, DateTimeOffset? InsertionTime);

/// <summary>A storage queue. Messages are base64-encoded by the SDK; the service limit is 64 KB encoded.</summary>
internal sealed class Queue(CloudQueue queue, StorageRetryPolicy retry)
{
    /// <summary>Longest initial visibility delay or visibility timeout the service accepts.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    public string Name => queue.Name;

    public Task CreateIfNotExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"create queue {Name}", c => queue.CreateIfNotExistsAsync(null, null, c), ct);

    public Task DeleteIfExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"delete queue {Name}", c => queue.DeleteIfExistsAsync(null, null, c), ct);

    public Task AddAsync(string text, TimeSpan? initialVisibilityDelay, CancellationToken ct)
    {
        TimeSpan? delay = initialVisibilityDelay is { } d && d > TimeSpan.Zero ? (d > MaxVisibilityDelay ? MaxVisibilityDelay : d) : null;
        return retry.ExecuteAsync($"add to {Name}", c => queue.AddMessageAsync(new CloudQueueMessage(text), null, delay, null, null, c), ct);
    }

    /// <summary>
    /// Dequeues up to <paramref name="count"/> messages. Pass a short <paramref name="maxRetryDuration"/> rather than a
    /// cancellation token to bound a poll: a cancelled request may already have dequeued messages, which then stay
    /// invisible for the whole visibility timeout.
    /// </summary>
    public Task<IReadOnlyList<QueueMessage>> GetAsync(int count, TimeSpan visibilityTimeout, CancellationToken ct, TimeSpan? maxRetryDuration = null) =>
        retry.ExecuteAsync<IReadOnlyList<QueueMessage>>($"get from {Name}", async c =>
        {
            var messages = await queue.GetMessagesAsync(count, visibilityTimeout, null, null, c).ConfigureAwait(false);
            return messages.Select(m => new QueueMessage(m.Id, m.PopReceipt, m.AsString, m.DequeueCount, m.InsertionTime)).ToArray();
        }, ct, maxRetryDuration);

    public Task<IReadOnlyList<QueueMessage>> PeekAsync(int count, CancellationToken ct) =>
        retry.ExecuteAsync<IReadOnlyList<QueueMessage>>($"peek {Name}", async c =>
        {
            var messages = await queue.PeekMessagesAsync(count, null, null, c).ConfigureAwait(false);
            return messages.Select(m => new QueueMessage(m.Id, "", m.AsString, m.DequeueCount, m.InsertionTime)).ToArray();
        }, ct);

    /// <summary>Deletes; false if the message is gone or its pop receipt is stale (someone else dequeued it since).</summary>
    public Task<bool> DeleteAsync(string id, string popReceipt, CancellationToken ct) =>
        retry.ExecuteAsync($"delete from {Name}", async c =>
        {
            try
            {
                await queue.DeleteMessageAsync(id, popReceipt, null, null, c).ConfigureAwait(false);
                return true;
            }
            catch (StorageException e) when (StorageRetryPolicy.StatusOf(e) is 400 or 404)
            {
                return false;
            }
        }, ct);

    /// <summary>Makes the message invisible for <paramref name="visibilityTimeout"/> from now; returns the new pop receipt, or null if the message is gone.</summary>
    public Task<string?> UpdateVisibilityAsync(string id, string popReceipt, TimeSpan visibilityTimeout, CancellationToken ct) =>
        retry.ExecuteAsync<string?>($"update visibility in {Name}", async c =>
        {
            var message = new CloudQueueMessage(id, popReceipt);
            try
            {
                await queue.UpdateMessageAsync(message, visibilityTimeout, MessageUpdateFields.Visibility, null, null, c).ConfigureAwait(false);
                return message.PopReceipt;
            }
            catch (StorageException e) when (StorageRetryPolicy.StatusOf(e) is 400 or 404)
            {
                return null;
            }
        }, ct);

    public Task<int> GetApproximateCountAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"count {Name}", async c =>
        {
            await queue.FetchAttributesAsync(null, null, c).ConfigureAwait(false);
            return queue.ApproximateMessageCount ?? 0;
        }, ct);
}
