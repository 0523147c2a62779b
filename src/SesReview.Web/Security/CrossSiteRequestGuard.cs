using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using SesReview.Web.Api;
using SesReview.Workflows.Hosting;

namespace SesReview.Web.Security;

/// <summary>
/// Refuses state-changing requests (POST, PUT, PATCH, DELETE) that another site's page could make a browser send. Browsers
/// send <c>Sec-Fetch-Site</c> and <c>Origin</c> with such requests and a page cannot forge them; script clients usually
/// send neither, which passes. In order:
/// <list type="number">
/// <item><c>Sec-Fetch-Site</c> present and neither <c>same-origin</c> nor <c>none</c> (typed or bookmarked): 403.</item>
/// <item><c>Origin</c> present and not this site's origin (<c>Workflows:PublicBaseUrl</c>; unset: the request's own scheme and host): 403.</item>
/// <item>A form (url-encoded or multipart) to <c>/api</c>: it must carry the antiforgery token (field or header, issued by
/// <c>GET /api/antiforgery</c>), or 403; unless it carries <c>Authorization: Bearer</c>, which a browser never attaches to a
/// request another site makes. A form is the one body another site can post without CORS' preflight; JSON needs
/// <c>application/json</c>, which browsers preflight, and this host serves no CORS, so that preflight fails.</item>
/// </list>
/// The CHCO's page forms check their own token (<see cref="Pages.AntiforgeryField"/>); task pages need none (the signed link is
/// the credential); the management routes are guarded by the system key. All of them get the first two checks.
/// </summary>
internal sealed class CrossSiteRequestGuard(RequestDelegate next, IConfiguration configuration, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>The header a script client may send the token in (ASP.NET Core's default, set explicitly so the docs stay true).</summary>
    public const string TokenHeader = "RequestVerificationToken";

    private readonly string? _publicOrigin = configuration.GetSetting("Workflows:PublicBaseUrl") is { } url ? OriginOf(url) : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsUnsafe(request.Method))
        {
            await next(context);
            return;
        }

        if (request.Headers[FetchSiteHeader].ToString() is { Length: > 0 } site
            && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            await Refuse(context, $"The browser says this request came from another site ({FetchSiteHeader}: {Echo(site)}); changes are accepted only from this site's own pages.");
            return;
        }

        var expected = _publicOrigin ?? OriginOf($"{request.Scheme}://{request.Host}");
        // A page sent with Referrer-Policy: no-referrer (the task pages) makes the browser send "Origin: null" with its own
        // forms; Sec-Fetch-Site "same-origin", which a page cannot forge, then vouches for the request.
        var sameOriginByBrowser = request.Headers[FetchSiteHeader].ToString().Equals("same-origin", StringComparison.OrdinalIgnoreCase);
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && !string.Equals(OriginOf(origin), expected, StringComparison.Ordinal)
            && !(sameOriginByBrowser && origin == "null"))
        {
            await Refuse(context, $"The request came from origin '{Echo(origin)}', not from this site ({expected}); changes are accepted only from this site's own pages.");
            return;
        }

        if (request.Path.StartsWithSegments("/api") && request.HasFormContentType && !HasBearerToken(request))
        {
            if (string.IsNullOrEmpty(request.Headers[TokenHeader]) && await UploadForm.ReadAsync(request, context.RequestAborted) is null)
            {
                await Problems.TooLarge(UploadForm.MaxBytes).ExecuteAsync(context);
                return;
            }
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Refuse(context, $"A form sent to the API needs the antiforgery token: GET /api/antiforgery, then send its requestToken in field " +
                    $"'{antiforgeryOptions.Value.FormFieldName}' or header '{TokenHeader}' with the cookie it set. " +
                    "Script clients can send JSON as application/json instead, or an Authorization: Bearer header.");
                return;
            }
        }

        await next(context);
    }

    internal static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { Length: > 7 } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>scheme://host[:port], lower case, default port left out; "null" and anything unparsable stay as given (and match nothing real).</summary>
    internal static string OriginOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : url.Trim();

    private static string Echo(string value) => value.Length > 100 ? value[..100] + "…" : value;

    private static Task Refuse(HttpContext context, string detail) =>
        TypedResults.Problem(title: "Cross-site request refused.", detail: detail, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
}
