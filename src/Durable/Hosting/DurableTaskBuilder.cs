using Durable.Backend;
using Durable.InMemory;
using Durable.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Durable.Hosting;

/// <summary>Chooses the backend after <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>In-process task hub (tests, local experiments): nothing survives a restart.</summary>
    public DurableTaskBuilder UseInMemoryBackend() =>
        UseBackend(sp => new InMemoryOrchestrationService(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DurableTaskOptions>()));

    /// <summary>Any <see cref="IOrchestrationService"/> (e.g. the Azure Storage one), created once per container.</summary>
    public DurableTaskBuilder UseBackend(Func<IServiceProvider, IOrchestrationService> factory)
    {
        Services.RemoveAll<IOrchestrationService>();
        Services.AddSingleton(factory);
        return this;
    }
}
