using SesReview.Web.Resilience;
using SesReview.Web.Security;

namespace SesReview.Web;

/// <summary>
/// The middleware every host puts in front of <see cref="SesReviewWeb.MapSesReviewWeb"/>: cross-site write protection
/// (<see cref="CrossSiteRequestGuard"/>), then the storage-outage answer (<see cref="StorageOutageMiddleware"/>).
/// </summary>
public static class RequestGuards
{
    public static IApplicationBuilder UseSesReviewRequestGuards(this IApplicationBuilder app)
    {
        // Resolved now so that a bad StorageOutage setting stops the host at start-up, naming its key.
        _ = app.ApplicationServices.GetRequiredService<StorageOutageOptions>();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseMiddleware<StorageOutageMiddleware>();
        return app;
    }
}
