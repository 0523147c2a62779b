using Durable.Backend;
using Durable.Client;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durable.Hosting;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (bound from <c>extensions:durableTask</c> of <paramref name="configuration"/> and validated),
    /// the registry, <see cref="DurableTaskClient"/> and <see cref="DurableTaskWorker"/> as a hosted service.
    /// The backend defaults to in-memory; choose another with the returned builder's <c>UseBackend</c>.
    /// Calling it again replaces the engine (options, registry, backend, client, worker: the last registration wins) and
    /// still hosts one worker, so a test host can swap the app's engine for an in-memory one by calling it once more.
    /// </summary>
    /// <param name="configuration">The app configuration (host.json loaded as a source) or null for defaults.</param>
    public static DurableTaskBuilder AddDurableTask(
        this IServiceCollection services,
        IConfiguration? configuration,
        Action<DurableTaskRegistry> configureRegistry,
        Action<DurableTaskOptions>? configureOptions = null)
    {
        var options = configuration is null ? new DurableTaskOptions() : DurableTaskOptions.Bind(configuration.GetSection(DurableTaskOptions.SectionPath));
        configureOptions?.Invoke(options);
        options.Validate();

        var registry = new DurableTaskRegistry();
        configureRegistry(registry);

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(options);
        services.AddSingleton(registry);
        var builder = new DurableTaskBuilder(services);
        builder.UseInMemoryBackend();
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IOrchestrationService>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<IOrchestrationService>(), registry, options, sp,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskWorker>(sp => sp.GetRequiredService<DurableTaskWorker>()));
        return builder;
    }
}
