using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Table;

namespace SesReview.Notifications.Storage;

/// <summary>
/// The only owner of the WindowsAzure.Storage account object in this project. Tables and containers are created on
/// first use. When <c>Azure.Data.Tables</c> reaches the feed, this folder is what changes.
/// </summary>
public sealed class StorageAccount
{
    private readonly CloudStorageAccount _account;

    public StorageAccount(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _account = CloudStorageAccount.Parse(connectionString);
    }

    internal CloudTable Table(string name) => _account.CreateCloudTableClient().GetTableReference(name);

    internal CloudBlobContainer Container(string name) => _account.CreateCloudBlobClient().GetContainerReference(name);

    internal static int StatusOf(StorageException e) => e.RequestInformation?.HttpStatusCode ?? 0;
}
