using SesReview.Notifications;
using SesReview.Web.Access;
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
        services.AddSesReviewApiDocument();
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

    /// <summary>
    /// Every route: the /api handlers and CHCO pages for signed-in staff and compliance (writes and the outbox for staff only:
    /// see each Map method), the management routes behind the system key, the task pages behind their signed links, and the
    /// mode's sign-in routes. Needs <see cref="SesReviewAccess.AddSesReviewAccess"/> and, in the pipeline, <see cref="RequestGuards.UseSesReviewRequestGuards"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapSesReviewWeb(this IEndpointRouteBuilder app)
    {
        ManagementSettings.RequireStrongSystemKey(app.ServiceProvider.GetRequiredService<IConfiguration>());
        var access = app.ServiceProvider.GetService<AccessOptions>()
            ?? throw new InvalidOperationException("Sign-in is not registered: call services.AddSesReviewAccess(configuration, listenUrls) before mapping the routes.");
        var signedIn = app.MapGroup("").RequireAuthorization(AccessPolicies.Read);
        signedIn.MapAntiforgeryApi();
        signedIn.MapInventoryApi();
        signedIn.MapCycleApi();
        signedIn.MapSesReviewApiDocument();
        signedIn.MapDashboardPages();
        signedIn.MapCyclePages();
        signedIn.MapNewCyclePages();
        signedIn.MapPlumCrossCheckApi();
        signedIn.MapPlumCrossCheckPages();
        // The outbox lists every task link (each one a credential), so it exists only where it is the delivery channel: the
        // local default. With Graph, messages go to mailboxes and the outbox page is not served. Staff only.
        if (app.ServiceProvider.GetRequiredService<NotificationOptions>().Channel == NotificationChannel.Outbox)
            app.MapGroup("").RequireAuthorization(AccessPolicies.Staff).MapOutboxPages();
        // No sign-in: the system key guards the management routes, the signed link each task page.
        app.MapGroup("").AllowAnonymous().MapDurableManagement();
        app.MapGroup("").AllowAnonymous().MapTaskPages();
        // USWDS and the site's style sheet: anonymous, as task pages use the same frame.
        app.MapGroup("").AllowAnonymous().MapAssets();
        app.MapAccessEndpoints(access.Mode);
        return app;
    }
}
