using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace SesReview.Storage;

/// <summary>
/// The only owner of the Azure SDK service clients for one storage account: built from a connection string
/// (<c>UseDevelopmentStorage=true</c> or explicit endpoints) with <see cref="StorageClientOptions"/>. Hands out table and
/// container clients whose table or container exists (created on first use), for stores that need more than
/// <see cref="IRecordTable"/> offers (typed columns, projections). Thread-safe; one instance per account is enough.
/// </summary>
public sealed class AzureStorageAccount
{
    private readonly TableServiceClient _tableService;
    private readonly BlobServiceClient _blobService;
    private readonly ConcurrentDictionary<string, CreatedOnFirstUse<TableClient>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, CreatedOnFirstUse<BlobContainerClient>> _containers = new(StringComparer.OrdinalIgnoreCase);

    public AzureStorageAccount(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _tableService = new TableServiceClient(connectionString, StorageClientOptions.ForTables());
        _blobService = new BlobServiceClient(connectionString, StorageClientOptions.ForBlobs());
    }

    public Uri TableEndpoint => _tableService.Uri;

    public Uri BlobEndpoint => _blobService.Uri;

    /// <summary>The client of table <paramref name="name"/>, after creating the table if this instance has not yet.</summary>
    public ValueTask<TableClient> GetTableAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _tables.GetOrAdd(name, n => new CreatedOnFirstUse<TableClient>(
            _tableService.GetTableClient(n), (client, ct) => client.CreateIfNotExistsAsync(ct))).GetAsync(cancellationToken);
    }

    /// <summary>The client of container <paramref name="name"/>, after creating the container if this instance has not yet.</summary>
    public ValueTask<BlobContainerClient> GetContainerAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _containers.GetOrAdd(name, n => new CreatedOnFirstUse<BlobContainerClient>(
            _blobService.GetBlobContainerClient(n),
            (client, ct) => client.CreateIfNotExistsAsync(cancellationToken: ct))).GetAsync(cancellationToken);
    }
}
