namespace SesReview.Web.Access;

/// <summary>How people sign in to the CHCO's pages and the API (setting <see cref="AccessSettings.Mode"/>; no default).</summary>
public enum AccessMode
{
    /// <summary>
    /// A local sign-in page where anyone types a name, email and role: only for the main job on a developer's machine. The
    /// host refuses to start in this mode unless it listens on loopback addresses only and is not on App Service.
    /// </summary>
    Development,

    /// <summary>
    /// App Service authentication (Easy Auth) signs people in and forwards the principal in <c>X-MS-CLIENT-PRINCIPAL</c>,
    /// which App Service strips from client requests; the host trusts that header in this mode only.
    /// </summary>
    AppService,

    /// <summary>The host signs people in with Microsoft Entra ID itself (Microsoft.Identity.Web): OpenID Connect for pages, bearer tokens for /api.</summary>
    EntraId,
}
