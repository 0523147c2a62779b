using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SesReview.DurableHosting;

/// <summary>Registers the durable task engine (DTFx on Azure Storage) behind the SDK's types.</summary>
public static class DurableHostingServiceCollectionExtensions
{
    /// <summary>DTFx logger categories ("DurableTask.Core", "DurableTask.AzureStorage") log a lot at Information.</summary>
    private const string EngineLogCategory = "DurableTask";

    /// <summary>
    /// Registers the client (<see cref="AddDurableTaskClientOnAzureStorage"/>) and a hosted
    /// <see cref="DurableTaskFrameworkWorker"/> running the orchestrators and activities that <paramref name="register"/>
    /// adds. Calling it again replaces the registry, settings and client (last call wins) and still leaves one hosted
    /// worker, so a test can call it once more with another hub name.
    /// </summary>
    public static IServiceCollection AddDurableTaskOnAzureStorage(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> register, DataConverter? dataConverter = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddDurableTaskClientOnAzureStorage(configuration, dataConverter);

        var registry = new DurableTaskRegistry();
        register(registry);
        services.RemoveAll<WorkerRegistry>();
        services.AddSingleton(new WorkerRegistry(registry));
        // TryAddEnumerable keys on the implementation type: one hosted worker however often this is called; it reads
        // the (replaced) registrations above when it is created.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskFrameworkWorker>(provider => new DurableTaskFrameworkWorker(
            provider.GetRequiredService<AzureStorageOrchestrationService>(),
            provider.GetRequiredService<WorkerRegistry>().Registry,
            provider,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<EngineOptions>().DataConverter)));
        return services;
    }

    /// <summary>
    /// Registers, for a process that starts and queries instances but runs no work: the settings read from
    /// <paramref name="configuration"/> (<see cref="DurableTaskStorageSettings"/>; read now, so a bad value fails here,
    /// naming its key), the <see cref="AzureStorageOrchestrationService"/> singleton and
    /// <see cref="DurableTaskFrameworkClient"/> as <see cref="DurableTaskClient"/>. Payloads use
    /// <paramref name="dataConverter"/> (default <see cref="JsonDataConverter.Default"/>). DTFx's log categories
    /// default to Warning; a "DurableTask" entry under Logging:LogLevel overrides that.
    /// </summary>
    public static IServiceCollection AddDurableTaskClientOnAzureStorage(
        this IServiceCollection services, IConfiguration configuration, DataConverter? dataConverter = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        _ = DurableTaskStorageSettings.FromConfiguration(configuration);

        services.AddLogging();
        if (!services.Any(d => d.ServiceType == typeof(EngineOptions)))
        {
            // First in the list: any configured or later rule for the same category wins over this default.
            services.Configure<LoggerFilterOptions>(o => o.Rules.Insert(0, new LoggerFilterRule(null, EngineLogCategory, LogLevel.Warning, null)));
        }

        services.RemoveAll<EngineOptions>();
        services.AddSingleton(new EngineOptions(dataConverter ?? JsonDataConverter.Default));
        services.RemoveAll<AzureStorageOrchestrationServiceSettings>();
        services.AddSingleton(provider => DurableTaskStorageSettings.FromConfiguration(configuration, provider.GetRequiredService<ILoggerFactory>()));
        services.RemoveAll<AzureStorageOrchestrationService>();
        services.AddSingleton(provider => new AzureStorageOrchestrationService(provider.GetRequiredService<AzureStorageOrchestrationServiceSettings>()));
        services.RemoveAll<DurableTaskFrameworkClient>();
        services.AddSingleton(provider => new DurableTaskFrameworkClient(
            provider.GetRequiredService<AzureStorageOrchestrationService>(), provider.GetRequiredService<EngineOptions>().DataConverter));
        services.RemoveAll<DurableTaskClient>();
        services.AddSingleton<DurableTaskClient>(provider => provider.GetRequiredService<DurableTaskFrameworkClient>());
        return services;
    }

    private sealed record EngineOptions(DataConverter DataConverter);

    private sealed record WorkerRegistry(DurableTaskRegistry Registry);
}
