namespace SesReview.Notifications.Storage;

/// <summary>Where the local outbox keeps messages. Rows are written once (insert, never replace).</summary>
public interface IOutboxStore
{
    /// <summary>Stores the record (attachments included); false when a record with the same keys exists (then nothing is written).</summary>
    Task<bool> TryAddAsync(OutboxRecord record, CancellationToken cancellationToken);

    Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Summaries, newest first, optionally of one (sanitized) partition, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<OutboxRecordSummary>> ListAsync(string? partitionKey, int take, CancellationToken cancellationToken);
}
