namespace SesReview.Notifications.Storage;

public enum LedgerState
{
    /// <summary>An attempt has started sending; it may have crashed anywhere in between.</summary>
    Reserved,
    /// <summary>The message left; the receipt fields are set.</summary>
    Sent,
}

/// <summary>
/// One row of the send ledger: PartitionKey = sanitized cycle id, RowKey = sanitized message key.
/// <see cref="AttemptId"/> names the attempt that holds the reservation (null when that attempt failed cleanly and
/// released it); <see cref="ETag"/> makes every change conditional so two attempts cannot both take over one row.
/// </summary>
public sealed record LedgerEntry
{
    public required string PartitionKey { get; init; }
    public required string RowKey { get; init; }
    public required string CycleId { get; init; }
    public required string MessageKey { get; init; }
    public required string Kind { get; init; }
    public required string Channel { get; init; }
    public required LedgerState State { get; init; }
    public string? AttemptId { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset ReservedAt { get; init; }
    public string? ProviderMessageId { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? AttachmentSha256 { get; init; }
    public string? LastError { get; init; }

    /// <summary>Set by the store on read and after each write; null for a row not yet stored.</summary>
    public string? ETag { get; init; }

    public SendReceipt ToReceipt(bool alreadySent) =>
        new(CycleId, MessageKey, ProviderMessageId ?? string.Empty, SentAt ?? ReservedAt, AttachmentSha256, alreadySent);
}
