using System.Collections.Concurrent;
using System.Net;

using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace SesReview.Workflows.Storage;

/// <summary>
/// The workflows' records and files in Azure Storage (Azurite locally) through WindowsAzure.Storage 9.3.3 — the only
/// file of this project that touches that SDK, so moving to Azure.Data.Tables changes this folder only.
/// </summary>
public sealed class AzureWorkflowStorage : IWorkflowStorage
{
    private readonly CloudStorageAccount _account;
    private readonly ConcurrentDictionary<string, RecordTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, BlobStore> _containers = new(StringComparer.OrdinalIgnoreCase);

    public AzureWorkflowStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _account = CloudStorageAccount.Parse(connectionString);
    }

    public IRecordTable Table(string name) => _tables.GetOrAdd(name, n =>
    {
        var client = _account.CreateCloudTableClient();
        client.DefaultRequestOptions = new TableRequestOptions { RetryPolicy = new ExponentialRetry(TimeSpan.FromMilliseconds(200), 6) };
        return new RecordTable(client.GetTableReference(n));
    });

    public IBlobStore Blobs(string containerName) => _containers.GetOrAdd(containerName, n =>
    {
        var client = _account.CreateCloudBlobClient();
        client.DefaultRequestOptions = new BlobRequestOptions { RetryPolicy = new ExponentialRetry(TimeSpan.FromMilliseconds(200), 6) };
        return new BlobStore(client.GetContainerReference(n));
    });

    private static int StatusOf(StorageException e) => e.RequestInformation?.HttpStatusCode ?? 0;

    private sealed class RecordTable(CloudTable table) : IRecordTable
    {
        // A string property holds at most 32 K UTF-16 characters; longer documents are split over J0, J1, ... (entity ≤ 1 MB).
        private const int ChunkChars = 30_000;
        private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

        public async Task<StoredRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            var result = await table.ExecuteAsync(TableOperation.Retrieve(partitionKey, rowKey), null, null, cancellationToken).ConfigureAwait(false);
            return result.Result is DynamicTableEntity entity ? ToRecord(entity) : null;
        }

        public async Task<IReadOnlyList<StoredRecord>> ListAsync(string partitionKey, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            var query = new TableQuery<DynamicTableEntity>().Where(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partitionKey));
            var records = new List<StoredRecord>();
            TableContinuationToken? token = null;
            do
            {
                var segment = await table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
                records.AddRange(segment.Results.Select(ToRecord));
                token = segment.ContinuationToken;
            } while (token is not null);
            return records;
        }

        public async Task<bool> TryInsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            try
            {
                await table.ExecuteAsync(TableOperation.Insert(ToEntity(partitionKey, rowKey, json)), null, null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StorageException e) when (StatusOf(e) == (int)HttpStatusCode.Conflict)
            {
                return false;
            }
        }

        public async Task UpsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            await table.ExecuteAsync(TableOperation.InsertOrReplace(ToEntity(partitionKey, rowKey, json)), null, null, cancellationToken).ConfigureAwait(false);
        }

        public async Task UpsertManyAsync(string partitionKey, IReadOnlyList<KeyValuePair<string, string>> rows, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            // A batch is limited to 100 operations and 4 MB; documents here are small, so 100 rows per batch.
            foreach (var chunk in rows.Chunk(100))
            {
                var batch = new TableBatchOperation();
                foreach (var (rowKey, json) in chunk) batch.InsertOrReplace(ToEntity(partitionKey, rowKey, json));
                await table.ExecuteBatchAsync(batch, null, null, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<bool> TryReplaceAsync(StoredRecord current, string json, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            var entity = ToEntity(current.PartitionKey, current.RowKey, json);
            entity.ETag = current.ETag;
            try
            {
                await table.ExecuteAsync(TableOperation.Replace(entity), null, null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StorageException e) when (StatusOf(e) is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                return false;
            }
        }

        private static DynamicTableEntity ToEntity(string partitionKey, string rowKey, string json)
        {
            var entity = new DynamicTableEntity(partitionKey, rowKey);
            int chunks = Math.Max(1, (json.Length + ChunkChars - 1) / ChunkChars);
            for (int i = 0; i < chunks; i++)
                entity.Properties[$"J{i}"] = new EntityProperty(json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars)));
            entity.Properties["Chunks"] = new EntityProperty(chunks);
            return entity;
        }

        private static StoredRecord ToRecord(DynamicTableEntity entity)
        {
            int chunks = entity.Properties.TryGetValue("Chunks", out var c) ? c.Int32Value ?? 1 : 1;
            string json = chunks == 1
                ? entity.Properties["J0"].StringValue
                : string.Concat(Enumerable.Range(0, chunks).Select(i => entity.Properties[$"J{i}"].StringValue));
            return new StoredRecord(entity.PartitionKey, entity.RowKey, json, entity.ETag);
        }
    }

    private sealed class BlobStore(CloudBlobContainer container) : IBlobStore
    {
        private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

        public async Task PutAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            var blob = container.GetBlockBlobReference(name);
            blob.Properties.ContentType = contentType;
            await blob.UploadFromByteArrayAsync(content, 0, content.Length, null, null, null, cancellationToken).ConfigureAwait(false);
        }

        public async Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
        {
            await _created.Value.ConfigureAwait(false);
            var blob = container.GetBlockBlobReference(name);
            using var buffer = new MemoryStream();
            try
            {
                await blob.DownloadToStreamAsync(buffer, null, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (StatusOf(e) == (int)HttpStatusCode.NotFound)
            {
                return null;
            }
            return buffer.ToArray();
        }
    }
}
