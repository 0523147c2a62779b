using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace Durable.AzureStorage.Storage;

/// <summary>
/// Owns the storage account (from a connection string such as <c>UseDevelopmentStorage=true</c> or Azurite's explicit
/// endpoints) and hands out the table, queue and blob wrappers. The only place SDK clients are created; the SDK's own
/// retries are off and <see cref="StorageRetryPolicy"/> retries instead.
/// </summary>
internal sealed class StorageClient
{
    private readonly CloudTableClient _tables;
    private readonly CloudQueueClient _queues;
    private readonly CloudBlobClient _blobs;

    static StorageClient()
    {
        // Note: the SDK signs requests using CultureInfo("en-US"); under InvariantGlobalization the process needs
        // <PredefinedCulturesOnly>false</PredefinedCulturesOnly> (set in Directory.Build.props).
        // Many concurrent callers (dispatchers, parallel sends) share one endpoint. On .NET (Core) the SDK sends through
        // HttpClient, whose handler has no per-server connection cap; the ServicePointManager settings matter only
        // where the SDK falls back to HttpWebRequest, and are kept for that case.
#pragma warning disable SYSLIB0014
        ServicePointManager.DefaultConnectionLimit = Math.Max(ServicePointManager.DefaultConnectionLimit, 1000);
        ServicePointManager.UseNagleAlgorithm = false;
        ServicePointManager.Expect100Continue = false;
#pragma warning restore SYSLIB0014
    }

    public StorageClient(string connectionString, StorageRetryPolicy retry, TimeSpan requestTimeout, ILogger logger)
    {
        var account = CloudStorageAccount.Parse(connectionString);
        Retry = retry;
        Logger = logger;
        _tables = account.CreateCloudTableClient();
        _tables.DefaultRequestOptions = new TableRequestOptions
        {
            RetryPolicy = new NoRetry(), MaximumExecutionTime = requestTimeout,
        };
        _queues = account.CreateCloudQueueClient();
        _queues.DefaultRequestOptions = new QueueRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = requestTimeout };
        _blobs = account.CreateCloudBlobClient();
        _blobs.DefaultRequestOptions = new BlobRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = requestTimeout };
    }

    public StorageRetryPolicy Retry { get; }

    public ILogger Logger { get; }

    public Table GetTable(string name) => new(_tables.GetTableReference(name), Retry);

    public Queue GetQueue(string name) => new(_queues.GetQueueReference(name), Retry);

    public BlobContainer GetBlobContainer(string name) => new(_blobs.GetContainerReference(name), Retry);
}
