using Durable.AzureStorage;
using Durable.Backend;
using Durable.Options;
using Durable.Tests.Conformance;
using TestSupport;

namespace Durable.Tests.AzureStorage;

/// <summary>
/// The Azure Storage backend on one in-memory Azurite per test class, real clock, a fresh task hub per
/// <see cref="CreateServiceAsync"/> with test-friendly timings (fast polling, short leases; see <see cref="AzuriteFixture.NewOptions"/>).
/// </summary>
public sealed class AzuriteBackendFixture : IBackendFixture, IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public bool ClockIsFake => false;
    public TimeProvider TimeProvider => TimeProvider.System;
    public TimeSpan Timeout => TimeSpan.FromSeconds(60);

    public Task AdvanceTimeAsync(TimeSpan by) => Task.Delay(by);

    public Task<IOrchestrationService> CreateServiceAsync(DurableTaskOptions options)
    {
        var azurite = _azurite ?? throw new InvalidOperationException("Azurite is not running.");
        var storageOptions = new AzureStorageOrchestrationServiceOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = options.HubName.ToLowerInvariant(),
            PartitionCount = options.PartitionCount,
            MaxDequeueCount = options.MaxDequeueCount,
            PartitionLeaseDuration = TimeSpan.FromSeconds(4),
            PartitionLeaseRenewInterval = TimeSpan.FromMilliseconds(500),
            AbandonedMessageVisibilityDelay = TimeSpan.Zero,
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
        };
        return Task.FromResult<IOrchestrationService>(new AzureStorageOrchestrationService(storageOptions));
    }

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

/// <summary>The backend-agnostic conformance suite on the Azure Storage backend against Azurite.</summary>
public sealed class AzuriteConformanceTests(AzuriteBackendFixture f)
    : OrchestrationConformanceTests(f), IClassFixture<AzuriteBackendFixture>;
