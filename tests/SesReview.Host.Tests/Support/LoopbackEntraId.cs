using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SesReview.Host.Tests.Support;

/// <summary>
/// A stand-in for Microsoft Entra ID on 127.0.0.1: the v2.0 OpenID Connect discovery document and signing keys (JWKS) of
/// one tenant, and RS256 access tokens minted with its key, the way Entra ID issues them (issuer
/// <c>{instance}{tenant}/v2.0</c>, <c>ver</c> 2.0, <c>tid</c>, <c>aud</c> = the client id, app roles in <c>roles</c>).
/// It serves HTTPS with a certificate made for the run (<see cref="Certificate"/>), since Microsoft.Identity.Web reads
/// metadata over HTTPS only; a test trusts that one certificate with <see cref="TrustingHandler"/>.
/// </summary>
public sealed class LoopbackEntraId : IAsyncDisposable
{
    public const string TenantId = "7a1f0c3e-4b8d-4e2a-9c61-2f5d8e0b9a14";
    public const string ClientId = "5c2e9d41-0a7b-4f36-8e1c-d94b2a6f7e03";

    private readonly WebApplication _app;
    private readonly RSA _rsa;
    private readonly RsaSecurityKey _key;

    private LoopbackEntraId(WebApplication app, RSA rsa, RsaSecurityKey key, X509Certificate2 certificate)
    {
        _app = app;
        _rsa = rsa;
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The server certificate (self-signed, for 127.0.0.1, made for this run).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A handler that trusts this stand-in's certificate and no other untrusted one.</summary>
    public HttpMessageHandler TrustingHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || certificate?.Thumbprint == Certificate.Thumbprint,
    };

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The instance, as the setting Access:EntraId:Instance takes it (<c>https://127.0.0.1:{port}/</c>).</summary>
    public string Instance => _app.Urls.Single().TrimEnd('/') + "/";

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    public string AuthorizeEndpoint => $"{Instance}{TenantId}/oauth2/v2.0/authorize";

    public static async Task<LoopbackEntraId> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "loopback-key-1" };
        var entra = new LoopbackEntraId(app, rsa, key, certificate);
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = entra.Issuer,
            ["authorization_endpoint"] = entra.AuthorizeEndpoint,
            ["token_endpoint"] = $"{entra.Instance}{TenantId}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{entra.Instance}{TenantId}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{entra.Instance}{TenantId}/discovery/v2.0/keys",
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["tenant_region_scope"] = "NA",
        }));
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        return entra;
    }

    /// <summary>An access token for this app, signed with the tenant's key unless <paramref name="signingKey"/> says otherwise.</summary>
    public string AccessToken(string name, string email, string[] roles, string? scope = "access_as_user", DateTimeOffset? expires = null,
        SecurityKey? signingKey = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = TenantId,
            ["oid"] = Guid.NewGuid().ToString(),
            ["sub"] = Guid.NewGuid().ToString(),
            ["name"] = name,
            ["preferred_username"] = email,
            ["ver"] = "2.0",
            ["azp"] = Guid.NewGuid().ToString(),
        };
        if (roles.Length > 0) claims["roles"] = roles;
        if (scope is not null) claims["scp"] = scope;
        var end = expires ?? now.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId, // v2.0 access tokens name the app by its client id
            Claims = claims,
            NotBefore = (end < now ? end.AddMinutes(-30) : now.AddMinutes(-1)).UtcDateTime,
            IssuedAt = (end < now ? end.AddMinutes(-30) : now.AddMinutes(-1)).UtcDateTime,
            Expires = end.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A key of the same shape that the tenant never published: tokens signed with it are forged.</summary>
    public static SecurityKey ForeignKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "loopback-key-1" };

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
        Certificate.Dispose();
    }
}
