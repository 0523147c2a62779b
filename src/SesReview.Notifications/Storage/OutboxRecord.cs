namespace SesReview.Notifications.Storage;

/// <summary>A message as kept in the outbox store (attachment bytes included; the store decides where they live).</summary>
public sealed record OutboxRecord
{
    public required string PartitionKey { get; init; }
    public required string RowKey { get; init; }
    public required string OutboxId { get; init; }
    public required DateTimeOffset SentAt { get; init; }
    public required string? AttachmentSha256 { get; init; }
    public required NotificationMessage Message { get; init; }
}

/// <summary>An outbox row without bodies and attachment bytes, for lists.</summary>
public sealed record OutboxRecordSummary(
    string PartitionKey, string RowKey, string OutboxId, string CycleId, string MessageKey, NotificationKind Kind,
    IReadOnlyList<string> To, string Subject, DateTimeOffset SentAt, int AttachmentCount, string? AttachmentSha256,
    ActionLink? Action);
