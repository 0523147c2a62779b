using Microsoft.AspNetCore.Http.HttpResults;

namespace SesReview.Web.Pages;

/// <summary>
/// HTML answers. Every page loads scripts, styles, fonts and images only from this host (USWDS, <see cref="Assets"/>; no inline
/// script or style, no CDN) and may not be framed by other sites.
/// </summary>
internal static class PageResults
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    public static ContentHttpResult Page(HttpContext context, string title, HtmlText content, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(Layout.Page(title, content, PageChrome.For(context)).Value, "text/html; charset=utf-8", null, statusCode);
    }

    /// <summary>Set on task pages' requests: their frame shows no CHCO menu and no sign-in line.</summary>
    internal const string TaskPageMarker = "SesReview.TaskPage";

    /// <summary>
    /// Task pages: the URL carries the credential, so nothing is cached and no referrer leaves the page; approvers and
    /// signers see no CHCO menu.
    /// </summary>
    public static void MarkSensitive(HttpContext context)
    {
        context.Items[TaskPageMarker] = true;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static ContentHttpResult NotFound(HttpContext context, string message) =>
        Page(context, "Not found", Html.Of($"<p>{message}</p>"), StatusCodes.Status404NotFound);
}
