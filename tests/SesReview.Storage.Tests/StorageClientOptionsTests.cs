using Azure.Core;

namespace SesReview.Storage.Tests;

public sealed class StorageClientOptionsTests
{
    [Fact]
    public void Table_and_blob_clients_share_one_short_exponential_policy()
    {
        foreach (var retry in new[] { StorageClientOptions.ForTables().Retry, StorageClientOptions.ForBlobs().Retry })
        {
            Assert.Equal(RetryMode.Exponential, retry.Mode);
            Assert.Equal(StorageClientOptions.MaxRetries, retry.MaxRetries);
            Assert.Equal(StorageClientOptions.FirstRetryDelay, retry.Delay);
            Assert.Equal(StorageClientOptions.MaxRetryDelay, retry.MaxDelay);
            Assert.Equal(StorageClientOptions.PerTryTimeout, retry.NetworkTimeout);
        }
    }

    [Fact]
    public void Uploads_go_in_blocks_of_at_most_4_MiB_with_their_content_type()
    {
        var upload = StorageClientOptions.ForUpload("text/csv");

        Assert.Equal("text/csv", upload.HttpHeaders.ContentType);
        Assert.Equal(4 * 1024 * 1024, upload.TransferOptions.MaximumTransferSize);
        Assert.Equal(4 * 1024 * 1024, upload.TransferOptions.InitialTransferSize);
    }
}
