using Azure;
using Azure.Data.Tables;

namespace SesReview.Storage;

/// <summary>
/// <see cref="IRecordTable"/> over an Azure table (documents stored as <see cref="RecordEntity"/>). A failure to reach storage
/// throws <see cref="StorageUnavailableException"/>.
/// </summary>
internal sealed class AzureRecordTable(AzureStorageAccount account, string tableName) : IRecordTable
{
    /// <summary>The most operations one entity group transaction may hold (a larger one throws before it is sent).</summary>
    internal const int MaxBatch = 100;

    public Task<StoredRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? RecordEntity.ToRecord(response.Value!) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> ListAsync(string partitionKey, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync<IReadOnlyList<StoredRecord>>(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            var records = new List<StoredRecord>();
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken).ConfigureAwait(false))
                records.Add(RecordEntity.ToRecord(entity));
            return records;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListRowKeysAsync(string partitionKey, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync<IReadOnlyList<string>>(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            var keys = new List<string>();
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"),
                select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken).ConfigureAwait(false))
                keys.Add(entity.RowKey);
            return keys;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> ListRangeAsync(string partitionKey, string firstRowKey, string lastRowKey, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync<IReadOnlyList<StoredRecord>>(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            var records = new List<StoredRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {firstRowKey} and RowKey le {lastRowKey}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                records.Add(RecordEntity.ToRecord(entity));
            return records;
        }, cancellationToken);

    public Task<bool> TryInsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            try
            {
                await table.AddEntityAsync(RecordEntity.From(partitionKey, rowKey, json), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == StorageStatus.Conflict)
            {
                return false;
            }
        }, cancellationToken);

    public Task UpsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            await table.UpsertEntityAsync(RecordEntity.From(partitionKey, rowKey, json), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task UpsertManyAsync(string partitionKey, IReadOnlyList<KeyValuePair<string, string>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return StorageUnavailableException.TranslateAsync(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            // A transaction holds at most 100 operations and 4 MB; the documents batched here are small, so 100 rows each.
            foreach (var chunk in rows.Chunk(MaxBatch))
            {
                var actions = chunk.Select(row => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace, RecordEntity.From(partitionKey, row.Key, row.Value)));
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    public Task<bool> TryReplaceAsync(StoredRecord current, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        return StorageUnavailableException.TranslateAsync(async () =>
        {
            var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            try
            {
                await table.UpdateEntityAsync(RecordEntity.From(current.PartitionKey, current.RowKey, json), new ETag(current.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is StorageStatus.PreconditionFailed or StorageStatus.NotFound)
            {
                return false;
            }
        }, cancellationToken);
    }
}
