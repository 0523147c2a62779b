using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using SesReview.Workflows.Hosting;

namespace SesReview.Web.Access;

/// <summary>
/// Sign-in and roles for both hosts: <see cref="AddSesReviewAccess"/> reads <see cref="AccessSettings.Mode"/> (the host does
/// not start without it) and registers that mode's authentication only, so no other mode's credentials are read;
/// <see cref="UseSesReviewAccess"/> runs authentication and authorization after routing.
/// </summary>
public static class SesReviewAccess
{
    /// <summary>EntraId mode's default scheme: bearer tokens on /api (or whenever a bearer token is sent), the sign-in cookie elsewhere.</summary>
    public const string EntraIdScheme = "SesReview.EntraId";

    /// <summary>
    /// Registers the mode's authentication, the role policies and the 401/403 answers. <paramref name="listenUrls"/>: the
    /// addresses the host listens on, or null when it cannot tell (then Development mode is refused).
    /// </summary>
    public static IServiceCollection AddSesReviewAccess(this IServiceCollection services, IConfiguration configuration, IReadOnlyCollection<string>? listenUrls)
    {
        var mode = AccessSettings.RequireMode(configuration);
        services.AddSingleton(new AccessOptions { Mode = mode });
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessAnswers>();
        switch (mode)
        {
            case AccessMode.Development:
                AccessSettings.RequireDevelopmentIsLocal(configuration, listenUrls);
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(DevelopmentSignIn.ConfigureCookie);
                break;
            case AccessMode.AppService:
                var max = configuration.GetValue(AccessSettings.MaxPrincipalBytes, AccessSettings.DefaultMaxPrincipalBytes);
                if (max is < 1024 or > 1024 * 1024)
                    throw new InvalidOperationException($"Setting '{AccessSettings.MaxPrincipalBytes}' is {max}; it must be between 1024 and 1048576.");
                services.AddAuthentication(AppServicePrincipalHandler.SchemeName)
                    .AddScheme<AppServicePrincipalOptions, AppServicePrincipalHandler>(AppServicePrincipalHandler.SchemeName, o => o.MaxPrincipalBytes = max);
                break;
            case AccessMode.EntraId:
                AddEntraId(services, configuration);
                break;
        }
        return services;
    }

    private static void AddEntraId(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AccessSettings.EntraIdSection);
        var missing = new[] { "Instance", "TenantId", "ClientId" }.Where(key => configuration.GetSetting($"{AccessSettings.EntraIdSection}:{key}") is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Setting '{AccessSettings.Mode}' is EntraId, which needs " +
                string.Join(", ", missing.Select(key => $"'{AccessSettings.EntraIdSection}:{key}'")) + " (the app registration; docs/security.md).");
        }
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = EntraIdScheme;
            o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        });
        authentication.AddPolicyScheme(EntraIdScheme, null, o => o.ForwardDefaultSelector = context =>
            AccessAnswers.IsApi(context.Request) || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme);
        // Web API: access tokens for this app's client id, app roles in the 'roles' claim.
        authentication.AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);
        // Pages: OpenID Connect sign-in into a cookie (sign-in only; no tokens for other APIs, so no client secret).
        authentication.AddMicrosoftIdentityWebApp(section, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
    }

    /// <summary>Authentication, then authorization (with <see cref="AccessAnswers"/>); call after routing, before the endpoints.</summary>
    public static IApplicationBuilder UseSesReviewAccess(this IApplicationBuilder app) => app.UseAuthentication().UseAuthorization();

    /// <summary>The sign-in routes the mode has: the development sign-in page, and sign-out in every mode.</summary>
    internal static void MapAccessEndpoints(this IEndpointRouteBuilder app, AccessMode mode)
    {
        if (mode == AccessMode.Development) app.MapDevelopmentSignIn();
        app.MapSignOut(mode);
    }
}
