using SesReview.Notifications;
using SesReview.Web.Api;
using SesReview.Web.Management;
using SesReview.Web.Pages;
using SesReview.Web.Resilience;
using SesReview.Web.Security;
using SesReview.Workflows.Storage;

namespace SesReview.Web;

/// <summary>
/// The web surface as one unit, so that every host serves the same routes with the same services: the self-host maps it
/// as ASP.NET Core endpoints, the Azure Functions app builds the same endpoints and runs them from its HTTP triggers.
/// </summary>
public static class SesReviewWeb
{
    /// <summary>The services the handlers expect besides the workflows': problem details, antiforgery, the API's JSON.</summary>
    public static IServiceCollection AddSesReviewWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // The CHCO's forms check their antiforgery token themselves (Pages/AntiforgeryField); forms to /api are checked by
        // CrossSiteRequestGuard; task pages and JSON do not use it.
        services.AddAntiforgery(o => o.HeaderName = CrossSiteRequestGuard.TokenHeader);
        services.AddSingleton(provider => StorageOutageOptions.From(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton(provider => new StorageCircuitBreaker(provider.GetRequiredService<StorageOutageOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in WorkflowJson.Options.Converters) o.SerializerOptions.Converters.Add(converter);
            o.SerializerOptions.PropertyNamingPolicy = WorkflowJson.Options.PropertyNamingPolicy;
        });
        return services;
    }

    /// <summary>Every route: the /api handlers, the management routes, and the pages.</summary>
    public static IEndpointRouteBuilder MapSesReviewWeb(this IEndpointRouteBuilder app)
    {
        ManagementSettings.RequireStrongSystemKey(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapAntiforgeryApi();
        app.MapInventoryApi();
        app.MapCycleApi();
        app.MapDurableManagement();
        app.MapDashboardPages();
        app.MapCyclePages();
        app.MapNewCyclePages();
        // The outbox lists every task link (each one a credential), so it exists only where it is the delivery channel: the
        // local default. With Graph, messages go to mailboxes and the outbox page is not served.
        if (app.ServiceProvider.GetRequiredService<NotificationOptions>().Channel == NotificationChannel.Outbox)
            app.MapOutboxPages();
        app.MapTaskPages();
        return app;
    }
}
