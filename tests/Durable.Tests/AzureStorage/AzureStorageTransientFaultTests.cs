using Durable.AzureStorage;
using Durable.History;
using TestSupport;
using static Durable.Tests.AzureStorage.AzureStorageTestKit;

namespace Durable.Tests.AzureStorage;

/// <summary>Azurite with on-disk data (<c>--location</c>) so it can be stopped and restarted mid-test without losing the hub.</summary>
public sealed class OnDiskAzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteProcess.StartAsync(onDisk: true);

    public async Task DisposeAsync()
    {
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

public sealed class AzureStorageTransientFaultTests(OnDiskAzuriteFixture fixture) : IClassFixture<OnDiskAzuriteFixture>
{
    [Fact]
    public async Task Operations_retry_while_storage_is_down_and_complete_when_it_is_back()
    {
        await using var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceOptions
        {
            ConnectionString = fixture.Azurite.ConnectionString,
            TaskHubName = AzuriteFixture.NewTaskHubName(),
            PartitionLeaseDuration = TimeSpan.FromSeconds(4),
            PartitionLeaseRenewInterval = TimeSpan.FromMilliseconds(500),
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
            StorageRetryMaxDelay = TimeSpan.FromMilliseconds(500),
            StorageRetryMaxDuration = TimeSpan.FromSeconds(60),
        });
        await service.CreateIfNotExistsAsync();
        await RunToAsync(service, "before", OrchestrationRuntimeStatus.Running);

        await fixture.Azurite.StopAsync();
        var create = service.CreateInstanceAsync(StartMessage("during-outage"));
        // The worker's polling survives the outage: no exception, just no work.
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Null(await service.LockNextActivityWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.False(create.IsCompleted);

        await fixture.Azurite.StartAgainAsync();
        await create.WaitAsync(TimeSpan.FromSeconds(30));
        var workItem = await LockOrchestrationAsync(service, TimeSpan.FromSeconds(30));
        Assert.Equal("during-outage", workItem.InstanceId);
        await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await service.GetStateAsync("during-outage", false))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await service.GetStateAsync("before", false))!.RuntimeStatus);
    }
}
