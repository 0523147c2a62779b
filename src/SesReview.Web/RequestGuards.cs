using SesReview.Web.Access;
using SesReview.Web.Resilience;
using SesReview.Web.Security;

namespace SesReview.Web;

/// <summary>
/// The middleware every host puts in front of <see cref="SesReviewWeb.MapSesReviewWeb"/>, in this order: the storage-outage
/// answer (<see cref="StorageOutageMiddleware"/>), routing, sign-in and roles (<see cref="SesReviewAccess.UseSesReviewAccess"/>),
/// then cross-site write protection (<see cref="CrossSiteRequestGuard"/>). The guard comes after sign-in because an
/// antiforgery token is bound to the signed-in user, and so that someone not signed in is told 401, not "missing token".
/// </summary>
public static class RequestGuards
{
    public static IApplicationBuilder UseSesReviewRequestGuards(this IApplicationBuilder app)
    {
        // Resolved now so that a bad StorageOutage setting stops the host at start-up, naming its key.
        _ = app.ApplicationServices.GetRequiredService<StorageOutageOptions>();
        app.UseMiddleware<StorageOutageMiddleware>();
        app.UseRouting();
        app.UseSesReviewAccess();
        app.UseMiddleware<CrossSiteRequestGuard>();
        return app;
    }
}
