using System.Text;
using Durable.Backend;
using Durable.AzureStorage.Storage;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// What a queue message carries: one task message inline (<see cref="M"/>), several task messages inline
/// (<see cref="Ms"/>, a batch: activity work items or the results for one instance), or a reference to a blob holding one
/// task message (<see cref="B"/>) when it is larger than the threshold. <see cref="I"/> (the instance, or the first
/// instance of a work-item batch) and <see cref="D"/> are kept outside so a poisoned or not-yet-due message can be handled
/// without the blob. Batches are packed below the threshold, so they never need a blob.
/// </summary>
internal sealed record QueueEnvelope(string I, TaskMessage? M = null, string? B = null, DateTimeOffset? D = null, TaskMessage[]? Ms = null);

internal sealed class MessageCodec(LargePayloads large)
{
    /// <summary>Room left in a batch for the envelope around the items.</summary>
    private const int EnvelopeOverheadBytes = 1024;

    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken ct)
    {
        string text = StorageJson.Serialize(new QueueEnvelope(message.InstanceId, message, null, message.DeliverAt));
        if (!large.IsLargeForQueue(text)) return text;
        string blob = await large.UploadAsync(message.InstanceId, "message", StorageJson.Serialize(message), ct).ConfigureAwait(false);
        return StorageJson.Serialize(new QueueEnvelope(message.InstanceId, null, blob, message.DeliverAt));
    }

    /// <summary>
    /// Packs <paramref name="messages"/> (none with a delivery time) into as few queue messages as the limits allow: at
    /// most <paramref name="maxPerMessage"/> each and below the large-payload threshold together. A message too large to
    /// share one goes alone (through a blob if it is over the threshold). Order is kept within each queue message.
    /// </summary>
    public async Task<List<string>> EncodeBatchesAsync(IReadOnlyList<TaskMessage> messages, int maxPerMessage, CancellationToken ct)
    {
        var texts = new List<string>();
        var current = new List<TaskMessage>();
        long currentBytes = 0;
        long budget = Math.Max(0, large.ThresholdBytes - EnvelopeOverheadBytes);

        void Flush()
        {
            if (current.Count == 0) return;
            texts.Add(current.Count == 1
                ? StorageJson.Serialize(new QueueEnvelope(current[0].InstanceId, current[0]))
                : StorageJson.Serialize(new QueueEnvelope(current[0].InstanceId, Ms: [.. current])));
            current.Clear();
            currentBytes = 0;
        }

        foreach (var message in messages)
        {
            if (message.DeliverAt is not null) throw new ArgumentException("Timer messages are not batched.", nameof(messages));
            long bytes = Encoding.UTF8.GetByteCount(StorageJson.Serialize(message)) + 1;
            if (bytes > budget)
            {
                texts.Add(await EncodeAsync(message, ct).ConfigureAwait(false));
                continue;
            }
            if (current.Count == maxPerMessage || currentBytes + bytes > budget) Flush();
            current.Add(message);
            currentBytes += bytes;
        }
        Flush();
        return texts;
    }

    public static QueueEnvelope ParseEnvelope(string text) => StorageJson.Deserialize<QueueEnvelope>(text);

    /// <summary>The task messages of a queue message (one, or several for a batch), in order.</summary>
    public async Task<IReadOnlyList<TaskMessage>> ResolveAllAsync(QueueEnvelope envelope, CancellationToken ct)
    {
        if (envelope.Ms is { Length: > 0 } batch)
        {
            if (batch.Any(m => m is null)) throw new InvalidDataException("Queue message batch holds a null task message.");
            return batch;
        }
        return [await ResolveAsync(envelope, ct).ConfigureAwait(false)];
    }

    public async Task<TaskMessage> ResolveAsync(QueueEnvelope envelope, CancellationToken ct)
    {
        if (envelope.M is not null) return envelope.M;
        if (envelope.B is null) throw new InvalidDataException("Queue message has neither a task message nor a blob reference.");
        string json = await large.Container.DownloadTextAsync(envelope.B, ct).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Large message blob '{envelope.B}' is missing.");
        return StorageJson.Deserialize<TaskMessage>(json);
    }

    /// <summary>Deletes the message's blob, if it has one (after the message itself is deleted).</summary>
    public Task DeleteBlobAsync(QueueEnvelope envelope, CancellationToken ct) =>
        envelope.B is null ? Task.CompletedTask : large.Container.DeleteIfExistsAsync(envelope.B, ct);
}
