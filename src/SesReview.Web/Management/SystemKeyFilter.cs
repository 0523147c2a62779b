using SesReview.Workflows.Hosting;
using System.Security.Cryptography;
using System.Text;

namespace SesReview.Web.Management;

/// <summary>
/// Guards the management routes as the Functions host guards its webhooks: the system key (setting
/// <c>Runtime:SystemKey</c>) in query <c>code</c> or header <c>x-functions-key</c>. No key or a wrong key answers 401; an
/// unset key answers 503 naming the setting, so a host without a key never exposes the routes.
/// </summary>
internal sealed class SystemKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration.GetSetting(ManagementSettings.SystemKey);
        if (expected is null)
        {
            return TypedResults.Problem(title: "The management API is not configured.",
                detail: $"Set '{ManagementSettings.SystemKey}' (Runtime__SystemKey in local.settings.json or the environment) to use these routes.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!KeysMatch(Presented(context.HttpContext.Request), expected))
        {
            return TypedResults.Problem(title: "A valid system key is required.",
                detail: $"Pass the system key in query '{KeyQuery}' or header '{KeyHeader}'.", statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context);
    }

    /// <summary>The key a request carries: header <c>x-functions-key</c>, else query <c>code</c>.</summary>
    internal static string Presented(HttpRequest request) =>
        request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header : request.Query[KeyQuery].ToString();

    /// <summary>Compares in constant time (hashing first so that lengths do not leak either).</summary>
    internal static bool KeysMatch(string? given, string expected)
    {
        if (string.IsNullOrEmpty(given)) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
