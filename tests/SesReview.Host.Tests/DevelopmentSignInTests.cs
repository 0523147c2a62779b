using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SesReview.Host.Tests.Support;
using SesReview.Web.Access;

namespace SesReview.Host.Tests;

/// <summary>Development mode (the main job's): the sign-in page, its cookie, roles, sign-out, and that nothing else signs anyone in.</summary>
public sealed class DevelopmentSignInTests : IClassFixture<HostFactory>, IDisposable
{
    private readonly HostFactory _host;
    private readonly WebApplicationFactory<Program> _development;
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    public DevelopmentSignInTests(HostFactory host)
    {
        _host = host;
        _host.Cycles.Cycles["dev-cycle"] = Samples.Details("dev-cycle");
        _development = host.WithWebHostBuilder(b => b.UseSetting("Access:Mode", "Development"));
    }

    public void Dispose() => _development.Dispose();

    /// <summary>Signs in on the page as a person would: opens the form (antiforgery cookie and field), fills it, posts it.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Answer)> SignInAsync(string name, string email, string role, string returnUrl = "/")
    {
        var client = _development.CreateClient(NoRedirects);
        var token = await Browser.AntiforgeryField(client, "/signin");
        var answer = await client.PostAsync("/signin", Browser.Form(("name", name), ("email", email), ("role", role), ("returnUrl", returnUrl), token));
        return (client, answer);
    }

    [Fact]
    public async Task A_page_sends_someone_not_signed_in_to_the_sign_in_page_and_back_after_signing_in()
    {
        var anonymous = await _development.CreateClient(NoRedirects).GetAsync("/cycles/dev-cycle?tab=audit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fcycles%2Fdev-cycle%3Ftab%3Daudit", anonymous.Headers.Location?.OriginalString);

        var (client, answer) = await SignInAsync("Dana Developer", "dana@agency.example.gov", Roles.Staff, "/cycles/dev-cycle?tab=audit");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/cycles/dev-cycle?tab=audit", answer.Headers.Location?.OriginalString);
        var page = await Browser.Parse(await client.GetAsync("/cycles/dev-cycle"));
        Assert.Contains("Signed in as Dana Developer (executive resources staff)", page.QuerySelector(".signed-in")!.TextContent);
    }

    [Fact]
    public async Task The_api_answers_401_without_the_sign_in_cookie()
    {
        var response = await _development.CreateClient(NoRedirects).GetAsync("/api/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/signin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_signed_in_on_the_page_start_a_cycle_recorded_under_the_typed_email()
    {
        var (client, _) = await SignInAsync("Dana Developer", "dana@agency.example.gov", Roles.Staff);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", "forged@attacker.example.com");
        var response = await client.PostAsJsonAsync("/api/cycles", new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId = "dev-started" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("dana@agency.example.gov", _host.Cycles.Started.Single(s => s.Request.CycleId == "dev-started").Actor);
    }

    [Fact]
    public async Task Compliance_signed_in_on_the_page_reads_but_may_not_start()
    {
        var (client, _) = await SignInAsync("Robin Reader", "robin@agency.example.gov", Roles.Compliance);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles/dev-cycle")).StatusCode);
        var start = await client.PostAsJsonAsync("/api/cycles", new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId = "dev-refused" });
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.DoesNotContain(_host.Cycles.Started, s => s.Request.CycleId == "dev-refused");
    }

    [Fact]
    public async Task The_app_service_principal_header_signs_no_one_in_outside_app_service_mode()
    {
        var client = _development.CreateSignedInClient(SignedIn.PrincipalHeader(SignedIn.StaffName, SignedIn.StaffEmail, Roles.Staff), NoRedirects);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var (client, _) = await SignInAsync("Dana Developer", "dana@agency.example.gov", Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);

        var signOut = await client.PostAsync("/signout", null);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signin", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_names_each_bad_field_and_signs_no_one_in()
    {
        var (client, answer) = await SignInAsync("", "not-an-address", "Administrator");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await Browser.Parse(answer)).QuerySelector(".errors")!.TextContent;
        Assert.Contains("name", errors);
        Assert.Contains("email", errors);
        Assert.Contains("Choose one of: ExecutiveResources, Compliance.", errors);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_antiforgery_token()
    {
        var client = _development.CreateClient(NoRedirects);
        var answer = await client.PostAsync("/signin", Browser.Form(("name", "Mallory"), ("email", "m@attacker.example.com"), ("role", Roles.Staff)));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
    }

    [Theory]
    [InlineData("//attacker.example.com/")]
    [InlineData("https://attacker.example.com/")]
    [InlineData("/\\attacker.example.com")]
    public async Task After_sign_in_only_a_path_on_this_site_is_followed(string returnUrl)
    {
        var (_, answer) = await SignInAsync("Dana Developer", "dana@agency.example.gov", Roles.Staff, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_exists_only_in_development_mode()
    {
        Assert.Equal(HttpStatusCode.OK, (await _development.CreateClient().GetAsync("/signin")).StatusCode);
        // AppService mode: no such endpoint; the fallback policy answers as for any unknown path (not signed in: 401).
        var appService = await _host.CreateClient(NoRedirects).GetAsync("/signin");
        Assert.Equal(HttpStatusCode.Unauthorized, appService.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateStaffClient(NoRedirects).GetAsync("/signin")).StatusCode);
    }
}
