using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using SesReview.Host.Tests.Support;
using SesReview.Web.Access;

namespace SesReview.Host.Tests;

/// <summary>
/// EntraId mode with Microsoft.Identity.Web pointed at a stand-in tenant on 127.0.0.1 (<see cref="LoopbackEntraId"/>): bearer
/// tokens on /api, the OpenID Connect challenge on pages. The only change to what Microsoft.Identity.Web configures is that
/// its HTTP clients (metadata and keys, and the issuer validator's, named through its HttpClientName option) trust the
/// stand-in's test certificate; every check on the token is Microsoft.Identity.Web's own.
/// </summary>
public sealed class EntraIdAccessTests(HostFactory host) : IClassFixture<HostFactory>, IAsyncLifetime
{
    private LoopbackEntraId _entra = null!;
    private WebApplicationFactory<Program> _app = null!;
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    public async Task InitializeAsync()
    {
        _entra = await LoopbackEntraId.StartAsync();
        host.Cycles.Cycles["entra-cycle"] = Samples.Details("entra-cycle");
        _app = host.WithWebHostBuilder(b => b
            .UseSetting("Access:Mode", "EntraId")
            .UseSetting("Access:EntraId:Instance", _entra.Instance)
            .UseSetting("Access:EntraId:TenantId", LoopbackEntraId.TenantId)
            .UseSetting("Access:EntraId:ClientId", LoopbackEntraId.ClientId)
            .ConfigureTestServices(services =>
            {
                services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(_entra.TrustingHandler));
                // The issuer validator reads the tenant's metadata with a static HttpClient unless it is given a named one.
                services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = "loopback-entra-id");
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = _entra.TrustingHandler());
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = _entra.TrustingHandler());
            }));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private HttpClient WithToken(string token)
    {
        var client = _app.CreateClient(NoRedirects);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object StartRequest(string cycleId) => new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId };

    [Fact]
    public async Task A_staff_token_reads_and_starts_and_the_actor_is_the_tokens_user()
    {
        var client = WithToken(_entra.AccessToken("Erin Entra", "erin@agency.example.gov", [Roles.Staff]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);
        var start = await client.PostAsJsonAsync("/api/cycles", StartRequest("entra-started"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("erin@agency.example.gov", host.Cycles.Started.Single(s => s.Request.CycleId == "entra-started").Actor);
    }

    [Fact]
    public async Task A_compliance_token_reads_but_gets_403_on_a_write()
    {
        var client = WithToken(_entra.AccessToken("Robin Reader", "robin@agency.example.gov", [Roles.Compliance]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles/entra-cycle")).StatusCode);
        var start = await client.PostAsJsonAsync("/api/cycles", StartRequest("entra-refused"));
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.DoesNotContain(host.Cycles.Started, s => s.Request.CycleId == "entra-refused");
    }

    [Fact]
    public async Task A_token_without_an_app_role_gets_403()
    {
        var client = WithToken(_entra.AccessToken("Pat Nobody", "pat@agency.example.gov", []));
        var response = await client.GetAsync("/api/cycles");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("pat@agency.example.gov holds no role of this app", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_or_expired_token_or_none_at_all_answers_401()
    {
        var forged = _entra.AccessToken("Erin Entra", "erin@agency.example.gov", [Roles.Staff], signingKey: LoopbackEntraId.ForeignKey());
        var expired = _entra.AccessToken("Erin Entra", "erin@agency.example.gov", [Roles.Staff], expires: DateTimeOffset.UtcNow.AddMinutes(-10));
        foreach (var token in new[] { forged, expired, "not.a.token" })
        {
            var response = await WithToken(token).PostAsJsonAsync("/api/cycles", StartRequest("entra-bad-token"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        var none = await _app.CreateClient(NoRedirects).GetAsync("/api/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain(host.Cycles.Started, s => s.Request.CycleId == "entra-bad-token");
    }

    [Fact]
    public async Task The_app_service_principal_header_signs_no_one_in_outside_app_service_mode()
    {
        var client = _app.CreateSignedInClient(SignedIn.PrincipalHeader(SignedIn.StaffName, SignedIn.StaffEmail, Roles.Staff), NoRedirects);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task A_page_sends_someone_not_signed_in_to_the_tenants_sign_in()
    {
        var response = await _app.CreateClient(NoRedirects).GetAsync("/cycles/entra-cycle");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(_entra.AuthorizeEndpoint + "?", location);
        Assert.Contains($"client_id={LoopbackEntraId.ClientId}", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);
    }

    [Fact]
    public async Task Task_links_still_open_without_sign_in()
    {
        host.Approvals.Pages["entra-task"] = new SesReview.Workflows.Approvals.TaskPage(SesReview.Workflows.Approvals.TaskAccess.Ok, null, Samples.DecisionView("entra-cycle"));
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(NoRedirects).GetAsync("/tasks/entra-task")).StatusCode);
    }
}
