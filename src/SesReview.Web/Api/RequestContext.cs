using SesReview.Web.Access;
using SesReview.Workflows.Approvals;

namespace SesReview.Web.Api;

/// <summary>Who is asking and from where, as recorded in the audit trail.</summary>
internal static class RequestContext
{
    /// <summary>The authenticated identity (see <see cref="SignedInUser.Actor"/>); never a request header the caller chose.</summary>
    public static string Actor(HttpContext context) => SignedInUser.Actor(context.User);

    public static RequestOrigin ApiOrigin(HttpContext context) => RequestOrigin.Api(context.Connection.RemoteIpAddress?.ToString());

    public static RequestOrigin WebOrigin(HttpContext context) =>
        RequestOrigin.Web(context.Connection.RemoteIpAddress?.ToString());
}
