namespace SesReview.Notifications.Storage;

/// <summary>Where the local outbox keeps messages. Rows are written once (insert, never replace).</summary>
public interface IOutboxStore
{
    /// <summary>Stores the record (attachments included); false when a record with the same keys exists (then nothing is written).</summary>
    Task<bool> TryAddAsync(OutboxRecord record, CancellationToken cancellationToken);

    Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>
    /// Summaries, newest first, optionally of one (sanitized) partition: <paramref name="take"/> of them after the first
    /// <paramref name="skip"/>, with the number there are in all.
    /// </summary>
    Task<(IReadOnlyList<OutboxRecordSummary> Rows, int Total)> ListAsync(string? partitionKey, int skip, int take, CancellationToken cancellationToken);
}
