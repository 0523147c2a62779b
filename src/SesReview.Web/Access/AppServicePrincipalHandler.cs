using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SesReview.Web.Access;

/// <summary>Options of <see cref="AppServicePrincipalHandler"/>.</summary>
public sealed class AppServicePrincipalOptions : AuthenticationSchemeOptions
{
    /// <summary>Largest header accepted, in base64 characters (setting <see cref="AccessSettings.MaxPrincipalBytes"/>).</summary>
    public int MaxPrincipalBytes { get; set; } = AccessSettings.DefaultMaxPrincipalBytes;
}

/// <summary>
/// AppService mode: the signed-in person is the principal App Service authentication forwards in <c>X-MS-CLIENT-PRINCIPAL</c>
/// (base64 of <c>{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }</c>). App Service removes any client-sent
/// <c>X-MS-*</c> header before adding its own, which is why this header is trusted in this mode and read in no other.
/// A header that is too large, not base64, not that JSON or without a name fails authentication (401 where sign-in is needed).
/// </summary>
public sealed class AppServicePrincipalHandler(IOptionsMonitor<AppServicePrincipalOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AppServicePrincipalOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[PrincipalHeader];
        if (values.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (values.Count > 1) return Fail("more than one X-MS-CLIENT-PRINCIPAL header");
        var encoded = values.ToString().Trim();
        if (encoded.Length > Options.MaxPrincipalBytes)
            return Fail($"X-MS-CLIENT-PRINCIPAL has {encoded.Length} characters, more than {Options.MaxPrincipalBytes} ({AccessSettings.MaxPrincipalBytes})");

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length)) return Fail("X-MS-CLIENT-PRINCIPAL is not base64");
        var identity = Read(bytes.AsSpan(0, length));
        if (identity is null) return Fail("X-MS-CLIENT-PRINCIPAL is not a client principal");
        if (string.IsNullOrWhiteSpace(identity.Name)) return Fail("X-MS-CLIENT-PRINCIPAL names no one");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static Task<AuthenticateResult> Fail(string why) => Task.FromResult(AuthenticateResult.Fail(why));

    /// <summary>The identity the JSON describes, or null when it is not the client principal's shape.</summary>
    internal static ClaimsIdentity? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(json), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var list) || list.ValueKind != JsonValueKind.Array) return null;
            var claims = new List<Claim>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Text(item, "typ") is not { Length: > 0 } type || Text(item, "val") is not { } value) return null;
                claims.Add(new Claim(type, value));
            }
            return new ClaimsIdentity(claims, Text(root, "auth_typ") ?? SchemeName,
                Text(root, "name_typ") ?? ClaimTypes.Name, Text(root, "role_typ") ?? ClaimTypes.Role);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
