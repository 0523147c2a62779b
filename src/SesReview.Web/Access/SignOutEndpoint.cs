using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace SesReview.Web.Access;

/// <summary><c>POST /signout</c> in every mode: ends the session the mode keeps (cookie, Entra ID, or App Service's own).</summary>
internal static class SignOutEndpoint
{
    public const string Path = "/signout";

    /// <summary>App Service authentication's own sign-out; it clears its session cookie.</summary>
    public const string AppServiceLogout = "/.auth/logout?post_logout_redirect_uri=/";

    public static void MapSignOut(this IEndpointRouteBuilder app, AccessMode mode) =>
        app.MapPost(Path, async (HttpContext context) =>
        {
            switch (mode)
            {
                case AccessMode.Development:
                    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    return Results.Redirect(DevelopmentSignIn.SignInPath);
                case AccessMode.EntraId:
                    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    // Also ends the Entra ID session; the handler answers with the redirect to its end-session endpoint.
                    return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
                default:
                    return Results.Redirect(AppServiceLogout);
            }
        }).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
}
