namespace SesReview.Storage;

/// <summary>
/// <see cref="IRecordStorage"/> in Azure Storage (Azurite locally) through Azure.Data.Tables and Azure.Storage.Blobs,
/// with <see cref="StorageClientOptions"/>' retry policy. Tables and containers are created on first use.
/// </summary>
public sealed class AzureRecordStorage(AzureStorageAccount account) : IRecordStorage
{
    public AzureRecordStorage(string connectionString)
        : this(new AzureStorageAccount(connectionString))
    {
    }

    public AzureStorageAccount Account { get; } = account ?? throw new ArgumentNullException(nameof(account));

    public IRecordTable Table(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AzureRecordTable(Account, name);
    }

    public IBlobStore Blobs(string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return new AzureBlobStore(Account, containerName);
    }
}
