using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using SesReview.Web.Security;

namespace SesReview.Web.Api;

/// <summary>
/// <c>GET /api/antiforgery</c>: the token a script client sends with a form (multipart upload, url-encoded) to <c>/api</c>,
/// and the cookie it pairs with (set on this answer). Another site's page cannot read this answer: the host serves no CORS.
/// </summary>
internal static class AntiforgeryApi
{
    /// <summary>The answer: where to put the token, and the token.</summary>
    internal sealed record AntiforgeryToken(string FormFieldName, string HeaderName, string RequestToken);

    public static void MapAntiforgeryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/antiforgery", Issue).WithTags("Antiforgery");

    internal static Ok<AntiforgeryToken> Issue(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryToken(tokens.FormFieldName, tokens.HeaderName ?? CrossSiteRequestGuard.TokenHeader, tokens.RequestToken!));
    }
}
