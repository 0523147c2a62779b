using Durable.Backend;
using Durable.AzureStorage.Storage;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// What a queue message carries: the task message inline (<see cref="M"/>), or a reference to a blob holding it
/// (<see cref="B"/>) when it is larger than the threshold. <see cref="I"/> and <see cref="D"/> are kept outside so a
/// poisoned or not-yet-due message can be handled without the blob.
/// </summary>
internal sealed record QueueEnvelope(string I, TaskMessage? M = null, string? B = null, DateTimeOffset? D = null);

internal sealed class MessageCodec(LargePayloads large)
{
    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken ct)
    {
        string text = StorageJson.Serialize(new QueueEnvelope(message.InstanceId, message, null, message.DeliverAt));
        if (!large.IsLargeForQueue(text)) return text;
        string blob = await large.UploadAsync(message.InstanceId, "message", StorageJson.Serialize(message), ct).ConfigureAwait(false);
        return StorageJson.Serialize(new QueueEnvelope(message.InstanceId, null, blob, message.DeliverAt));
    }

    public static QueueEnvelope ParseEnvelope(string text) => StorageJson.Deserialize<QueueEnvelope>(text);

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
