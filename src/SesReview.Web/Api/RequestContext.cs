using SesReview.Workflows.Approvals;

namespace SesReview.Web.Api;

/// <summary>Who is asking and from where, as recorded in the audit trail.</summary>
internal static class RequestContext
{
    /// <summary>The header App Service authentication forwards with the signed-in user's name.</summary>
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    public const string Anonymous = "anonymous";

    public static string Actor(HttpContext context) =>
        context.Request.Headers[PrincipalNameHeader].ToString() is { Length: > 0 } name ? name.Trim() : Anonymous;

    public static RequestOrigin ApiOrigin(HttpContext context) => RequestOrigin.Api(context.Connection.RemoteIpAddress?.ToString());

    public static RequestOrigin WebOrigin(HttpContext context) =>
        RequestOrigin.Web(context.Connection.RemoteIpAddress?.ToString());
}
