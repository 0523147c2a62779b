namespace SesReview.Storage;

/// <summary>
/// A table of JSON documents keyed by (partition key, row key). Keys must be valid Azure table keys
/// (see <see cref="StorageKeys.Escape"/>); a document may be longer than one string property (the Azure table splits
/// it over several).
/// </summary>
public interface IRecordTable
{
    Task<StoredRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Every record of one partition, in row-key order.</summary>
    Task<IReadOnlyList<StoredRecord>> ListAsync(string partitionKey, CancellationToken cancellationToken = default);

    /// <summary>The row keys of one partition, in order, without the documents: a cheap count and index of a large partition.</summary>
    Task<IReadOnlyList<string>> ListRowKeysAsync(string partitionKey, CancellationToken cancellationToken = default);

    /// <summary>The records of one partition from <paramref name="firstRowKey"/> to <paramref name="lastRowKey"/> (both included), in row-key order.</summary>
    Task<IReadOnlyList<StoredRecord>> ListRangeAsync(string partitionKey, string firstRowKey, string lastRowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts; false (and no change) when the key exists.</summary>
    Task<bool> TryInsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces, whatever the row holds now.</summary>
    Task UpsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    /// <summary>Upserts many rows of one partition, 100 per request; not atomic across requests, so a failure may leave earlier batches written.</summary>
    Task UpsertManyAsync(string partitionKey, IReadOnlyList<KeyValuePair<string, string>> rows, CancellationToken cancellationToken = default);

    /// <summary>Replaces <paramref name="current"/> if nobody changed it since it was read; false on a conflict.</summary>
    Task<bool> TryReplaceAsync(StoredRecord current, string json, CancellationToken cancellationToken = default);
}
