using Azure;

namespace SesReview.Storage;

/// <summary>
/// <see cref="IBlobStore"/> over an Azure blob container (block blobs, overwritten on put). A failure to reach storage
/// throws <see cref="StorageUnavailableException"/>.
/// </summary>
internal sealed class AzureBlobStore(AzureStorageAccount account, string containerName) : IBlobStore
{
    public Task PutAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StorageUnavailableException.TranslateAsync(async () =>
        {
            var container = await account.GetContainerAsync(containerName, cancellationToken).ConfigureAwait(false);
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), StorageClientOptions.ForUpload(contentType), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        StorageUnavailableException.TranslateAsync(async () =>
        {
            var container = await account.GetContainerAsync(containerName, cancellationToken).ConfigureAwait(false);
            try
            {
                var download = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                return download.Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == StorageStatus.NotFound)
            {
                return null;
            }
        }, cancellationToken);
}
