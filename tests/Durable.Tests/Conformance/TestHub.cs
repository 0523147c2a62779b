using Durable.Backend;
using Durable.Client;
using Durable.History;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Tests.Conformance;

/// <summary>One task hub under test: backend, a (restartable) worker and a client.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly IBackendFixture _fixture;
    private ServiceProvider? _provider;

    private TestHub(IBackendFixture fixture, IOrchestrationService service, DurableTaskOptions options)
    {
        _fixture = fixture;
        Service = service;
        Options = options;
        Client = new DurableTaskClient(service, options, fixture.TimeProvider);
    }

    public IOrchestrationService Service { get; }
    public DurableTaskOptions Options { get; }
    public DurableTaskClient Client { get; }
    public DurableTaskWorker? Worker { get; private set; }

    public static async Task<TestHub> StartAsync(
        IBackendFixture fixture, DurableTaskOptions options, Action<DurableTaskRegistry> register, Action<IServiceCollection>? services = null)
    {
        var service = await fixture.CreateServiceAsync(options);
        await service.CreateIfNotExistsAsync();
        var hub = new TestHub(fixture, service, options);
        await hub.StartWorkerAsync(register, services);
        return hub;
    }

    /// <summary>Starts a worker with this registry (stopping the current one first): a new deployment of the code.</summary>
    public async Task StartWorkerAsync(Action<DurableTaskRegistry> register, Action<IServiceCollection>? configureServices = null)
    {
        await StopWorkerAsync();
        var registry = new DurableTaskRegistry();
        register(registry);
        var collection = new ServiceCollection().AddLogging();
        configureServices?.Invoke(collection);
        _provider = collection.BuildServiceProvider();
        Worker = new DurableTaskWorker(Service, registry, Options, _provider, _fixture.TimeProvider);
        await Worker.StartAsync(CancellationToken.None);
    }

    public async Task StopWorkerAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync(CancellationToken.None);
            Worker = null;
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
            _provider = null;
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(_fixture.Timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Instance {instanceId} did not finish in {_fixture.Timeout}: {await DescribeAsync(instanceId)}");
        }
    }

    /// <summary>Waits for completion; with a fake clock, keeps moving it forward by <paramref name="step"/> (for retries and timers).</summary>
    public async Task<OrchestrationMetadata> DriveToCompletionAsync(string instanceId, TimeSpan step)
    {
        if (!_fixture.ClockIsFake)
        {
            return await WaitForCompletionAsync(instanceId);
        }

        var deadline = DateTime.UtcNow + _fixture.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (metadata is { IsCompleted: true })
            {
                return metadata;
            }

            await _fixture.AdvanceTimeAsync(step);
            await Task.Delay(20);
        }

        throw new TimeoutException($"Instance {instanceId} did not finish: {await DescribeAsync(instanceId)}");
    }

    public async Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        using var timeout = new CancellationTokenSource(_fixture.Timeout);
        try
        {
            return await Client.WaitAsync(instanceId, true, condition, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Instance {instanceId} never reached the expected status: {await DescribeAsync(instanceId)}");
        }
    }

    /// <summary>Waits until the instance's committed history satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition)
    {
        var deadline = DateTime.UtcNow + _fixture.Timeout;
        var delay = TimeSpan.FromMilliseconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(await Service.GetHistoryAsync(instanceId)))
            {
                return;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 1.5));
        }

        throw new TimeoutException($"History of {instanceId} never reached the expected state: {await DescribeAsync(instanceId)}");
    }

    private async Task<string> DescribeAsync(string instanceId)
    {
        var state = await Client.GetInstanceAsync(instanceId, true);
        var history = await Service.GetHistoryAsync(instanceId);
        return $"{state?.RuntimeStatus} {state?.FailureDetails?.ErrorMessage}; history: {string.Join(", ", history.Select(h => h.GetType().Name))}";
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await Service.DeleteAsync();
        switch (Service)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
