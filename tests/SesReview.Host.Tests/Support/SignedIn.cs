using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SesReview.Web.Access;

namespace SesReview.Host.Tests.Support;

/// <summary>
/// Clients signed in through the host's real AppService mode (the mode <see cref="HostFactory"/> runs): each request carries
/// the <c>X-MS-CLIENT-PRINCIPAL</c> header App Service authentication would forward, built here as App Service builds it
/// (base64 JSON with auth_typ, name_typ, role_typ and the claims). Nothing in the host is bypassed.
/// </summary>
public static class SignedIn
{
    public const string StaffName = "Casey Staff";
    public const string StaffEmail = "casey.staff@agency.example.gov";
    public const string ComplianceName = "Robin Compliance";
    public const string ComplianceEmail = "robin.compliance@agency.example.gov";

    /// <summary>The header value for a person with <paramref name="roles"/> (Entra ID app roles arrive as "roles" claims).</summary>
    public static string PrincipalHeader(string name, string email, params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "name", val = name },
            new { typ = "preferred_username", val = email },
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = Guid.NewGuid().ToString() },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    public static HttpClient CreateStaffClient<T>(this WebApplicationFactory<T> host, WebApplicationFactoryClientOptions? options = null) where T : class =>
        host.CreateSignedInClient(PrincipalHeader(StaffName, StaffEmail, Roles.Staff), options);

    public static HttpClient CreateComplianceClient<T>(this WebApplicationFactory<T> host, WebApplicationFactoryClientOptions? options = null) where T : class =>
        host.CreateSignedInClient(PrincipalHeader(ComplianceName, ComplianceEmail, Roles.Compliance), options);

    /// <summary>A client that sends <paramref name="principalHeader"/> as <c>X-MS-CLIENT-PRINCIPAL</c> on every request.</summary>
    public static HttpClient CreateSignedInClient<T>(this WebApplicationFactory<T> host, string principalHeader, WebApplicationFactoryClientOptions? options = null)
        where T : class
    {
        var client = host.CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.TryAddWithoutValidation(AppServicePrincipalHandler.PrincipalHeader, principalHeader);
        return client;
    }
}
