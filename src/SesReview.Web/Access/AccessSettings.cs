using System.Net;
using SesReview.Workflows.Hosting;

namespace SesReview.Web.Access;

/// <summary>The sign-in settings, read and checked at start-up so that a host never runs open by default.</summary>
public static class AccessSettings
{
    /// <summary>How people sign in: <c>Development</c>, <c>AppService</c> or <c>EntraId</c>. Required; there is no default.</summary>
    public const string Mode = "Access:Mode";

    /// <summary>Microsoft.Identity.Web's settings in EntraId mode: <c>Instance</c>, <c>TenantId</c>, <c>ClientId</c> (and its other keys).</summary>
    public const string EntraIdSection = "Access:EntraId";

    /// <summary>Largest <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 characters) the AppService mode reads.</summary>
    public const string MaxPrincipalBytes = "Access:AppService:MaxPrincipalBytes";

    public const int DefaultMaxPrincipalBytes = 16 * 1024;

    /// <summary>App Service (and Functions on it) set these in every app's environment; the development sign-in never runs there.</summary>
    internal static readonly string[] AppServiceMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME"];

    /// <summary>The configured mode; throws naming the setting and the choices when it is missing or unknown.</summary>
    public static AccessMode RequireMode(IConfiguration configuration)
    {
        var value = configuration.GetSetting(Mode);
        var choices = string.Join(", ", Enum.GetNames<AccessMode>());
        if (value is null)
        {
            throw new InvalidOperationException(
                $"Setting '{Mode}' (Access__Mode) is not set, so the host does not know how people sign in and will not start. " +
                $"Set it to one of: {choices} (docs/security.md).");
        }
        if (!Enum.TryParse<AccessMode>(value.Trim(), ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(value, out _))
        {
            throw new InvalidOperationException($"Setting '{Mode}' (Access__Mode) is '{value}'; it must be one of: {choices}.");
        }
        return mode;
    }

    /// <summary>
    /// The development sign-in lets anyone pick any role, so it is refused unless the host is provably reachable from this
    /// machine only: every address it listens on is loopback (<paramref name="listenUrls"/>; null when the host cannot
    /// tell, as in the Functions worker) and it is not running on App Service.
    /// </summary>
    public static void RequireDevelopmentIsLocal(IConfiguration configuration, IReadOnlyCollection<string>? listenUrls)
    {
        if (AppServiceMarkers.FirstOrDefault(name => !string.IsNullOrEmpty(configuration[name])) is { } marker)
        {
            throw new InvalidOperationException(
                $"Setting '{Mode}' is Development, but this host runs on App Service ({marker} is set). Use AppService or EntraId there.");
        }
        if (listenUrls is null)
        {
            throw new InvalidOperationException(
                $"Setting '{Mode}' is Development, which this host cannot allow: it cannot tell which addresses it listens on. Use AppService or EntraId.");
        }
        var open = listenUrls.Where(url => !IsLoopback(url)).ToList();
        if (listenUrls.Count == 0 || open.Count > 0)
        {
            throw new InvalidOperationException(
                $"Setting '{Mode}' is Development, whose sign-in lets anyone choose a role, so the host listens on loopback addresses only " +
                $"(127.0.0.1, [::1], localhost); it was asked to listen on {(open.Count > 0 ? string.Join(", ", open) : "no address it can check")}.");
        }
    }

    /// <summary>True for a URL whose host is a loopback address or <c>localhost</c>; false for <c>*</c>, <c>+</c>, <c>0.0.0.0</c> and names.</summary>
    internal static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Trim().Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid"), UriKind.Absolute, out var uri)) return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
