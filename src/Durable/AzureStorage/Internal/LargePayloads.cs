using System.Text;
using Durable.AzureStorage.Storage;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// Moves payloads above the threshold into the <c>{hub}-largemessages</c> container. Blob names start with the encoded
/// instance id and a '/', so purging an instance deletes its blobs by prefix.
/// </summary>
internal sealed class LargePayloads(BlobContainer container, int thresholdBytes)
{
    public const string BlobSuffix = "Blob";

    public BlobContainer Container => container;

    public int ThresholdBytes => thresholdBytes;

    public bool IsLargeForTable(string? value) => value is not null && value.Length * 2 > thresholdBytes;

    public bool IsLargeForQueue(string value) => value.Length > thresholdBytes / 4 && Encoding.UTF8.GetByteCount(value) > thresholdBytes;

    public static string BlobPrefix(string instanceId) => KeyEncoder.Encode(instanceId) + "/";

    public async Task<string> UploadAsync(string instanceId, string kind, string text, CancellationToken ct)
    {
        string name = $"{BlobPrefix(instanceId)}{kind}-{Guid.NewGuid():N}";
        await container.UploadTextAsync(name, text, ct).ConfigureAwait(false);
        return name;
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="row"/> as property <paramref name="name"/>, or in a blob named by property name+"Blob".</summary>
    public async Task SetAsync(TableRow row, string name, string? value, string instanceId, CancellationToken ct)
    {
        if (IsLargeForTable(value))
        {
            row[name + BlobSuffix] = await UploadAsync(instanceId, name.ToLowerInvariant(), value!, ct).ConfigureAwait(false);
            row[name] = null;
        }
        else
        {
            row[name] = value;
            row[name + BlobSuffix] = null;
        }
    }

    public async Task<string?> GetAsync(TableRow row, string name, CancellationToken ct)
    {
        if (row.GetString(name + BlobSuffix) is { Length: > 0 } blob)
            return await container.DownloadTextAsync(blob, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Large payload blob '{blob}' of row {row.PartitionKey}/{row.RowKey} is missing.");
        return row.GetString(name);
    }

    public async Task DeleteInstanceBlobsAsync(string instanceId, int parallelism, CancellationToken ct)
    {
        var names = await container.ListNamesAsync(BlobPrefix(instanceId), ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (name, c) => await container.DeleteIfExistsAsync(name, c).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
