using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TestSupport;

namespace SesReview.DurableHosting.Tests;

/// <summary>One Azurite per test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>
/// The product's DI registration on a fresh task hub of <paramref name="azurite"/>: the hosted worker started, the
/// client resolved as <see cref="DurableTaskClient"/>. Disposing stops the worker and the container.
/// </summary>
public sealed class Engine : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;

    private Engine(ServiceProvider provider, string hubName)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToArray();
        HubName = hubName;
        Client = provider.GetRequiredService<DurableTaskClient>();
    }

    public string HubName { get; }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _provider;

    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Configuration as host.json + app settings would give it, on a new hub.</summary>
    public static IConfiguration Configuration(AzuriteProcess azurite, string hubName, IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hubName,
            // Quicker to notice timers and events on an idle test hub than the 5 s default.
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static Task<Engine> StartAsync(AzuriteProcess azurite, Action<DurableTaskRegistry> register, Action<IServiceCollection>? services = null) =>
        StartAsync(azurite, NewHubName(), register, extra: null, services);

    /// <summary>On hub <paramref name="hub"/>, with <paramref name="extra"/> settings over the defaults of <see cref="Configuration"/>.</summary>
    public static async Task<Engine> StartAsync(AzuriteProcess azurite, string hub, Action<DurableTaskRegistry> register,
        IDictionary<string, string?>? extra, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddDurableTaskOnAzureStorage(Configuration(azurite, hub, extra), register);
        var engine = new Engine(collection.BuildServiceProvider(), hub);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var hosted in engine._hosted) await hosted.StartAsync(timeout.Token);
        return engine;
    }

    /// <summary>Schedules <paramref name="name"/> and waits (bounded) for its completion, with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, TimeSpan? timeout = null)
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        return await CompletionAsync(id, timeout);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var hosted in _hosted) await hosted.StopAsync(timeout.Token);
        await _provider.DisposeAsync();
    }
}
