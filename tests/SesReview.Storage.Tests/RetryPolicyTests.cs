using System.Diagnostics;
using TestSupport;
using Xunit.Abstractions;

namespace SesReview.Storage.Tests;

/// <summary>
/// The one retry policy: with storage down a call fails with an exception within a bound (it does not hang), and once
/// storage is back the same wrapper works again without being recreated.
/// </summary>
public sealed class RetryPolicyTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Generous against the ~1.5 s a refused connection takes (see <see cref="StorageClientOptions"/>).</summary>
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(10);

    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync(onDisk: true);

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task With_storage_down_calls_fail_within_a_bound_and_the_same_wrapper_recovers()
    {
        var storage = new AzureRecordStorage(_azurite.ConnectionString);
        var table = storage.Table("Outage");
        var blobs = storage.Blobs("outage");
        await table.UpsertAsync("p", "r", """{"v":1}""");
        await blobs.PutAsync("b", [1, 2, 3], "application/octet-stream");

        await _azurite.StopAsync();

        await AssertFailsWithinBoundAsync(() => table.GetAsync("p", "r"));
        await AssertFailsWithinBoundAsync(() => blobs.GetAsync("b"));
        // A table first used during the outage: its creation fails and must be tried again later, not remembered.
        var createdLate = storage.Table("CreatedAfterOutage");
        await AssertFailsWithinBoundAsync(() => createdLate.UpsertAsync("p", "r", "{}"));

        await _azurite.StartAgainAsync();

        Assert.Equal("""{"v":1}""", (await table.GetAsync("p", "r"))!.Json);
        Assert.Equal([1, 2, 3], await blobs.GetAsync("b"));
        await createdLate.UpsertAsync("p", "r", "{}");
        Assert.Equal("{}", (await createdLate.GetAsync("p", "r"))!.Json);
    }

    private async Task AssertFailsWithinBoundAsync(Func<Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        // One exception type for every failure to reach storage, whichever SDK call failed; the web answers it with 503.
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(call);
        stopwatch.Stop();
        output.WriteLine($"failed after {stopwatch.Elapsed.TotalSeconds:0.00} s with {error.GetType().Name}: {error.Message.Split('\n')[0]}");
        Assert.True(stopwatch.Elapsed < FailureBound, $"The call failed only after {stopwatch.Elapsed.TotalSeconds:0.0} s (bound {FailureBound.TotalSeconds} s).");
    }
}
