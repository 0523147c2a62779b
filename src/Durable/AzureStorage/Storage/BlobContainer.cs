using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace Durable.AzureStorage.Storage;

/// <summary>A blob container holding text blobs (large payloads).</summary>
internal sealed class BlobContainer(CloudBlobContainer container, StorageRetryPolicy retry)
{
    public string Name => container.Name;

    public Task CreateIfNotExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"create container {Name}", c => container.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, c), ct);

    public Task DeleteIfExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"delete container {Name}", c => container.DeleteIfExistsAsync(null, null, null, c), ct);

    public Task UploadTextAsync(string blobName, string text, CancellationToken ct) =>
        retry.ExecuteAsync($"upload {Name}/{blobName}", c => container.GetBlockBlobReference(blobName).UploadTextAsync(text, null, null, null, null, c), ct);

    /// <summary>The blob's text, or null if it does not exist.</summary>
    public Task<string?> DownloadTextAsync(string blobName, CancellationToken ct) =>
        retry.ExecuteAsync<string?>($"download {Name}/{blobName}", async c =>
        {
            try
            {
                return await container.GetBlockBlobReference(blobName).DownloadTextAsync(null, null, null, null, c).ConfigureAwait(false);
            }
            catch (StorageException e) when (StorageRetryPolicy.StatusOf(e) == 404)
            {
                return null;
            }
        }, ct);

    public Task DeleteIfExistsAsync(string blobName, CancellationToken ct) =>
        retry.ExecuteAsync($"delete {Name}/{blobName}", c => container.GetBlockBlobReference(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.None, null, null, null, c), ct);

    public async Task<IReadOnlyList<string>> ListNamesAsync(string prefix, CancellationToken ct)
    {
        var names = new List<string>();
        BlobContinuationToken? token = null;
        do
        {
            var segment = await retry.ExecuteAsync($"list {Name}", async c =>
            {
                try
                {
                    return await container.ListBlobsSegmentedAsync(prefix, true, BlobListingDetails.None, null, token, null, null, c).ConfigureAwait(false);
                }
                catch (StorageException e) when (StorageRetryPolicy.StatusOf(e) == 404)
                {
                    return null;
                }
            }, ct).ConfigureAwait(false);
            if (segment is null) break;
            names.AddRange(segment.Results.OfType<CloudBlob>().Select(b => b.Name));
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return names;
    }
}
