using Durable.AzureStorage;
using TestSupport;

namespace Durable.Tests.AzureStorage;

/// <summary>
/// Starts one in-memory Azurite for a test collection (see <see cref="AzuriteCollection"/>) and stops it afterwards.
/// Each test uses its own task hub (<see cref="NewTaskHubName"/>), so tests do not see each other's data.
/// Other test projects: reference tests/TestSupport and use <see cref="AzuriteProcess"/> directly, or link this file.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public string ConnectionString => Azurite.ConnectionString;

    public static string NewTaskHubName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Options on this Azurite, a fresh hub and test-friendly timings (fast polling, short leases).</summary>
    public AzureStorageOrchestrationServiceOptions NewOptions(string? taskHubName = null) => new()
    {
        ConnectionString = ConnectionString,
        TaskHubName = taskHubName ?? NewTaskHubName(),
        PartitionLeaseDuration = TimeSpan.FromSeconds(4),
        PartitionLeaseRenewInterval = TimeSpan.FromMilliseconds(500),
        AbandonedMessageVisibilityDelay = TimeSpan.Zero,
        PollBackoffMax = TimeSpan.FromMilliseconds(100),
    };

    public async Task InitializeAsync() => Azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
