using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SesReview.Storage;

/// <summary>
/// The one retry policy of every Azure Storage client the product creates (tables, blobs; queues should use
/// <see cref="ApplyRetry"/> too). Exponential, a few retries, short delays, and a short per-try network timeout, so an
/// outage surfaces as an exception in seconds and the caller (an activity, a web request) decides what to do, instead
/// of a request hanging for the SDK defaults (100 s per try).
/// <para>
/// How long a call takes to fail: against a refused connection (emulator stopped), 4 tries with delays of about
/// 0.2 + 0.4 + 0.8 s (±20 % jitter), so ~1.5 s; against an endpoint that accepts but never answers, 4 × 5 s + ~1.5 s,
/// so at most ~22 s. Inside an interactive request (<see cref="InteractiveStorageBudget"/>) the web host bounds both
/// further. Uploads are sent in blocks of <see cref="BlobBlockBytes"/> so that one try of a large blob also
/// fits in the per-try timeout.
/// </para>
/// </summary>
public static class StorageClientOptions
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PerTryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body of one blob upload try (4 MiB; larger content is staged in blocks of this size).</summary>
    public const int BlobBlockBytes = 4 * 1024 * 1024;

    public static void ApplyRetry(RetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = MaxRetries;
        retry.Delay = FirstRetryDelay;
        retry.MaxDelay = MaxRetryDelay;
        retry.NetworkTimeout = PerTryTimeout;
    }

    public static TableClientOptions ForTables()
    {
        var options = new TableClientOptions();
        ApplyRetry(options.Retry);
        return InteractiveBudgetPolicy.AddTo(options);
    }

    /// <summary>
    /// Blob options at the SDK's default service version (2026-10-06 for 12.30.1): Azurite 3.37 serves it because the
    /// repository always starts it with <c>--skipApiVersionCheck --loose</c>. An Azurite started without that flag
    /// rejects the version; pin <see cref="BlobClientOptions.ServiceVersion"/> here if that ever has to work.
    /// </summary>
    public static BlobClientOptions ForBlobs()
    {
        var options = new BlobClientOptions();
        ApplyRetry(options.Retry);
        return InteractiveBudgetPolicy.AddTo(options);
    }

    /// <summary>Upload options for every blob write: the content type, and blocks of <see cref="BlobBlockBytes"/>.</summary>
    public static BlobUploadOptions ForUpload(string? contentType) => new()
    {
        HttpHeaders = contentType is null ? null : new BlobHttpHeaders { ContentType = contentType },
        TransferOptions = new StorageTransferOptions { InitialTransferSize = BlobBlockBytes, MaximumTransferSize = BlobBlockBytes },
    };
}
