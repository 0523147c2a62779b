namespace SesReview.Notifications.Storage;

/// <summary>
/// The send ledger. Writes are optimistic: <see cref="TryInsertAsync"/> fails when the row exists and
/// <see cref="TryReplaceAsync"/> fails when the row changed since <see cref="LedgerEntry.ETag"/> was read; both return
/// null then, and the caller reads again.
/// </summary>
public interface ILedgerStore
{
    Task<LedgerEntry?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Inserts a new row; returns it with its ETag, or null when a row with the same keys exists.</summary>
    Task<LedgerEntry?> TryInsertAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Replaces the row if its ETag still equals <c>entry.ETag</c>; returns it with the new ETag, or null.</summary>
    Task<LedgerEntry?> TryReplaceAsync(LedgerEntry entry, CancellationToken cancellationToken);
}
