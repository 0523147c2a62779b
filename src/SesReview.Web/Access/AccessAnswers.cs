using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using SesReview.Web.Pages;

namespace SesReview.Web.Access;

/// <summary>
/// What a request that may not pass gets, in one place for every mode. The API answers problem details: 401 when no one is
/// signed in, 403 naming the role needed. Pages send someone not signed in to the sign-in (Development: the sign-in page;
/// EntraId: the OpenID Connect challenge; AppService: a 401 page, since App Service does the signing in) and answer 403 in
/// plain words to someone signed in without the role.
/// </summary>
internal sealed class AccessAnswers(AccessOptions access) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await next(context);
            return;
        }
        bool api = IsApi(context.Request);
        if (result.Challenged || !SignedInUser.IsSignedIn(context.User))
        {
            await (api ? ApiSignInRequired(context) : PageSignInRequired(context));
            return;
        }
        var needed = NeededRoles(policy, context);
        await (api ? ApiForbidden(context, needed) : PageForbidden(context, needed));
    }

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The roles of the first role requirement the user does not meet (a route's own policy combines with its group's).</summary>
    private static IReadOnlyList<string> NeededRoles(AuthorizationPolicy policy, HttpContext context) =>
        [.. policy.Requirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault(r => !r.AllowedRoles.Any(context.User.IsInRole))?.AllowedRoles ?? Roles.All];

    private static string Describe(IReadOnlyList<string> roles) => string.Join(" or ", roles.Select(r => $"'{r}' ({Roles.Describe(r)})"));

    private string SignInAdvice => access.Mode switch
    {
        AccessMode.Development => $"Sign in at {DevelopmentSignIn.SignInPath} (development sign-in) and send its cookie.",
        AccessMode.AppService => $"Sign in through App Service authentication ({AppServiceLogin}) and send its session cookie or token.",
        _ => "Send an Entra ID access token issued for this app as 'Authorization: Bearer <token>', or sign in on a page first.",
    };

    private const string AppServiceLogin = "/.auth/login/aad";

    private async Task ApiSignInRequired(HttpContext context)
    {
        if (access.Mode == AccessMode.EntraId) context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(title: "Sign-in required.", detail: SignInAdvice, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    private static async Task ApiForbidden(HttpContext context, IReadOnlyList<string> needed)
    {
        var held = SignedInUser.RolesOf(context.User);
        await TypedResults.Problem(title: "Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden,
            detail: $"This needs the role {Describe(needed)}; {SignedInUser.Actor(context.User)} holds {(held.Count == 0 ? "no role of this app" : string.Join(", ", held))}.",
            extensions: new Dictionary<string, object?> { ["requiredRoles"] = needed }).ExecuteAsync(context);
    }

    private async Task PageSignInRequired(HttpContext context)
    {
        var here = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        switch (access.Mode)
        {
            case AccessMode.Development:
                context.Response.Redirect($"{DevelopmentSignIn.SignInPath}?returnUrl={Uri.EscapeDataString(here)}");
                return;
            case AccessMode.EntraId:
                await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = here });
                return;
            default:
                await PageResults.Page(context, "Sign-in required", Html.Of($"""
                    <p>This page is for executive resources and compliance staff. <a href="{AppServiceLogin}?post_login_redirect_uri={Uri.EscapeDataString(here)}">Sign in</a>.</p>
                    <p>If you are sent back here after signing in, App Service authentication is not turned on for this app: the host expects
                    App Service to sign people in (setting {AccessSettings.Mode} is AppService). Ask the administrators.</p>
                    """), StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
        }
    }

    private static async Task PageForbidden(HttpContext context, IReadOnlyList<string> needed)
    {
        var held = SignedInUser.RolesOf(context.User);
        await PageResults.Page(context, "Not allowed", Html.Of($"""
            <p>You are signed in as {SignedInUser.Actor(context.User)}, {(held.Count == 0 ? "without a role in this app" : "as " + string.Join(" and ", held.Select(Roles.Describe)))}.</p>
            <p>This page or action is for {string.Join(" or ", needed.Select(Roles.Describe))}. Nothing was changed.</p>
            <p>If you need it, ask the executive resources office to give you that role. <a href="/">Back to the dashboard</a>.</p>
            """), StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}
