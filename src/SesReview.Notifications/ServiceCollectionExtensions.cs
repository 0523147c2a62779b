using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SesReview.Notifications.Graph;
using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;
using SesReview.Storage;

namespace SesReview.Notifications;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NotificationOptions"/> (section <c>Notifications</c>, validated now), the ledger and outbox
    /// stores, <see cref="IOutboxReader"/> (always, so the outbox page works) and <see cref="INotificationSender"/>:
    /// the outbox or Graph, per <c>Notifications:Channel</c>. Storage is <c>Notifications:StorageConnectionString</c>,
    /// else <c>AzureWebJobsStorage</c> (also under <c>Values:</c>).
    /// </summary>
    public static IServiceCollection AddSesReviewNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new NotificationOptions();
        configuration.GetSection(NotificationOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
            options.StorageConnectionString = configuration["AzureWebJobsStorage"] ?? configuration["Values:AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
            throw new InvalidOperationException($"Setting '{NotificationOptions.SectionName}:StorageConnectionString' (or 'AzureWebJobsStorage') is required.");
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        // One account for both stores, built only if one of them is resolved (tests register in-memory stores first).
        // Not registered itself: the workflows' storage may point at another account (AzureWebJobsStorage).
        string connectionString = options.StorageConnectionString;
        var account = new Lazy<AzureStorageAccount>(() => new AzureStorageAccount(connectionString));
        services.TryAddSingleton<ILedgerStore>(_ => new TableLedgerStore(account.Value, options.LedgerTable));
        services.TryAddSingleton<IOutboxStore>(_ => new TableOutboxStore(account.Value, options.OutboxTable, options.OutboxContainer));
        services.TryAddSingleton(sp => new OutboxNotificationSender(
            sp.GetRequiredService<ILedgerStore>(), sp.GetRequiredService<IOutboxStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<OutboxNotificationSender>>()));
        services.TryAddSingleton<IOutboxReader>(sp => sp.GetRequiredService<OutboxNotificationSender>());

        if (options.Channel == NotificationChannel.Graph)
        {
            services.TryAddSingleton(_ => GraphClientBuilder.Create(options.Graph, GraphClientBuilder.CreateCredential(options.Graph)));
            services.TryAddSingleton<INotificationSender>(sp => new GraphNotificationSender(
                sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), options, sp.GetRequiredService<ILedgerStore>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<GraphNotificationSender>>()));
        }
        else
        {
            services.TryAddSingleton<INotificationSender>(sp => sp.GetRequiredService<OutboxNotificationSender>());
        }
        return services;
    }
}
