using Azure.Core;
using DurableTask.AzureStorage;
using SesReview.Storage;

namespace SesReview.DurableHosting;

/// <summary>
/// The engine's storage clients with <see cref="InteractiveBudgetPolicy"/> added to DTFx's own options, so that a web
/// request asking the engine for an instance's status is bounded by the request's <see cref="InteractiveStorageBudget"/>
/// like the product's own stores. The worker's calls run outside any budget and keep DTFx's retry settings.
/// </summary>
internal static class BudgetedStorageClients
{
    public static StorageAccountClientProvider For(string connectionString)
    {
        var plain = new StorageAccountClientProvider(connectionString);
        return new StorageAccountClientProvider(new Budgeted<Azure.Storage.Blobs.BlobServiceClient, Azure.Storage.Blobs.BlobClientOptions>(plain.Blob),
            new Budgeted<Azure.Storage.Queues.QueueServiceClient, Azure.Storage.Queues.QueueClientOptions>(plain.Queue),
            new Budgeted<Azure.Data.Tables.TableServiceClient, Azure.Data.Tables.TableClientOptions>(plain.Table));
    }

    private sealed class Budgeted<TClient, TOptions>(IStorageServiceClientProvider<TClient, TOptions> inner) : IStorageServiceClientProvider<TClient, TOptions>
        where TOptions : ClientOptions
    {
        public TOptions CreateOptions() => InteractiveBudgetPolicy.AddTo(inner.CreateOptions());

        public TClient CreateClient(TOptions options) => inner.CreateClient(options);
    }
}
