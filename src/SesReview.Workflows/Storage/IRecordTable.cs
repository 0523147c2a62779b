namespace SesReview.Workflows.Storage;

/// <summary>
/// A table of JSON documents keyed by (partition key, row key). Keys must be valid Azure table keys
/// (see <see cref="StorageKeys.Escape"/>). Writes to one partition in <see cref="UpsertManyAsync"/> are batched
/// (100 per request) but not atomic across batches.
/// </summary>
public interface IRecordTable
{
    Task<StoredRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Every record of one partition, in row-key order.</summary>
    Task<IReadOnlyList<StoredRecord>> ListAsync(string partitionKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts; false (and no change) when the key exists.</summary>
    Task<bool> TryInsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    Task UpsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    Task UpsertManyAsync(string partitionKey, IReadOnlyList<KeyValuePair<string, string>> rows, CancellationToken cancellationToken = default);

    /// <summary>Replaces <paramref name="current"/> if nobody changed it since it was read; false on a conflict.</summary>
    Task<bool> TryReplaceAsync(StoredRecord current, string json, CancellationToken cancellationToken = default);
}
