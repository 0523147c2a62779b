using TestSupport;

namespace SesReview.Storage.Tests;

/// <summary>One in-memory Azurite shared by the tests of a class (each test uses its own table and container names).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}
