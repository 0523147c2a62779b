using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SesReview.Host.Tests.Support;
using SesReview.Workflows.Approvals;
using TestSupport;

namespace SesReview.Host.Tests;

/// <summary>
/// What a page on another site can make a visitor's browser send, and what this site's own pages and script clients send.
/// Each refused request must leave no trace: no cycle started (the fake records every start), no upload saved.
/// </summary>
public class CrossSiteRequestTests : IClassFixture<HostFactory>
{
    private const string ForeignOrigin = "https://attacker.example";
    private readonly HostFactory _host;

    public CrossSiteRequestTests(HostFactory host) => _host = host;

    /// <summary>A start request that the fake accepts, naming the attacker as CHCO, signer and approver.</summary>
    private static string StartJson(string cycleId) => $$"""
        { "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "{{cycleId}}",
          "chco": { "name": "Mallory", "email": "mallory@attacker.example" }, "signer": { "name": "Mallory", "email": "mallory@attacker.example" } }
        """;

    private bool Started(string cycleId) => _host.Cycles.Started.Any(s => s.Request.CycleId == cycleId);

    private static async Task<string> ProblemTitle(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString()!;

    private static async Task<string> ProblemDetail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    [Fact]
    public async Task Starting_a_cycle_with_json_sent_as_text_plain_answers_415_and_starts_nothing()
    {
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", new StringContent(StartJson("xs-text-plain"), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await ProblemDetail(response));
        Assert.False(Started("xs-text-plain"));
    }

    [Fact]
    public async Task Starting_a_cycle_as_a_url_encoded_request_field_without_the_antiforgery_token_answers_403_and_starts_nothing()
    {
        var form = Browser.Form(("request", StartJson("xs-url-encoded")));
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("antiforgery", await ProblemDetail(response));
        Assert.False(Started("xs-url-encoded"));
    }

    [Fact]
    public async Task Starting_a_cycle_as_multipart_without_the_antiforgery_token_answers_403_and_starts_nothing()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StartJson("xs-multipart")), "request" },
            { new ByteArrayContent("inventory bytes"u8.ToArray()), "file", "xs-multipart.xlsx" },
        };
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(Started("xs-multipart"));
        Assert.DoesNotContain(_host.Uploads.Uploaded, u => u.FileName == "xs-multipart.xlsx");
    }

    [Fact]
    public async Task A_token_fetched_by_another_browser_does_not_pass()
    {
        var (header, token) = await ApiAntiforgery.FetchAsync(_host.CreateStaffClient());
        using var form = new MultipartFormDataContent { { new StringContent(StartJson("xs-stolen-token")), "request" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = form };
        request.Headers.Add(header, token);

        var response = await _host.CreateStaffClient().SendAsync(request); // a client without the cookie the token pairs with

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(Started("xs-stolen-token"));
    }

    [Theory]
    [InlineData(ForeignOrigin)]
    [InlineData("null")]
    [InlineData("https://reviews.agency.example.gov.attacker.example")]
    public async Task Starting_a_cycle_with_json_from_a_foreign_origin_answers_403_and_starts_nothing(string origin)
    {
        var cycleId = "xs-origin-" + Math.Abs(origin.GetHashCode());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = new StringContent(StartJson(cycleId), Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", origin);

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cross-site request refused.", await ProblemTitle(response));
        Assert.Contains(HostFactory.PublicBaseUrl, await ProblemDetail(response));
        Assert.False(Started(cycleId));
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task Starting_a_cycle_with_json_that_the_browser_marks_as_from_another_site_answers_403_and_starts_nothing(string fetchSite)
    {
        var cycleId = "xs-fetch-" + fetchSite;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = new StringContent(StartJson(cycleId), Encoding.UTF8, "application/json") };
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"Sec-Fetch-Site: {fetchSite}", await ProblemDetail(response));
        Assert.False(Started(cycleId));
    }

    [Fact]
    public async Task Uploading_an_inventory_without_the_token_or_from_another_site_answers_403_and_saves_nothing()
    {
        var client = _host.CreateStaffClient();
        using var noToken = new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "file", "xs-no-token.csv" } };
        var withoutToken = await client.PostAsync("/api/inventories", noToken);

        var (header, token) = await ApiAntiforgery.FetchAsync(client);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/inventories")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "file", "xs-cross-site.csv" } },
        };
        crossSite.Headers.Add(header, token);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        crossSite.Headers.Add("Origin", ForeignOrigin);
        var fromAnotherSite = await client.SendAsync(crossSite);

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromAnotherSite.StatusCode);
        Assert.DoesNotContain(_host.Uploads.Uploaded, u => u.FileName is "xs-no-token.csv" or "xs-cross-site.csv");
    }

    [Fact]
    public async Task A_null_origin_that_the_browser_marks_same_origin_passes_because_task_pages_send_no_referrer()
    {
        // Chromium sends "Origin: null" for a form on a page served with Referrer-Policy: no-referrer (the task pages).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = new StringContent(StartJson("xs-null-same-origin"), Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", "null");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Started("xs-null-same-origin"));
    }

    [Fact]
    public async Task Starting_a_cycle_with_json_from_this_site_still_works()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = new StringContent(StartJson("xs-same-origin"), Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", HostFactory.PublicBaseUrl);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Started("xs-same-origin"));
    }

    [Fact]
    public async Task Starting_a_cycle_with_a_file_and_a_valid_antiforgery_token_works()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StartJson("xs-with-token")), "request" },
            { new ByteArrayContent("inventory bytes"u8.ToArray()), "file", "xs-with-token.xlsx" },
        };
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/cycles", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(Started("xs-with-token"));
        Assert.Contains(_host.Uploads.Uploaded, u => u.FileName == "xs-with-token.xlsx");
    }

    [Fact]
    public async Task The_token_may_also_come_as_the_form_field_the_antiforgery_answer_names()
    {
        var client = _host.CreateStaffClient();
        var answer = JsonDocument.Parse(await (await client.GetAsync("/api/antiforgery")).Content.ReadAsStringAsync()).RootElement;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(answer.GetProperty("requestToken").GetString()!), answer.GetProperty("formFieldName").GetString()! },
            { new ByteArrayContent("a,b"u8.ToArray()), "file", "xs-token-field.csv" },
        };

        var response = await client.PostAsync("/api/inventories", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(_host.Uploads.Uploaded, u => u.FileName == "xs-token-field.csv");
    }

    [Fact]
    public async Task A_form_with_a_bearer_header_needs_no_antiforgery_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inventories")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "file", "xs-bearer.csv" } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "script-client-token");

        var response = await _host.CreateStaffClient().SendAsync(request);

        // Sign-in (another change) decides whether the bearer token is good; the antiforgery rule must not refuse it.
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_with_a_text_plain_body_answers_415_and_cancels_nothing()
    {
        _host.Cycles.Cycles["xs-cancel"] = Samples.Details("xs-cancel");
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles/xs-cancel/cancel",
            new StringContent("""{ "reason": "Forged by another site." }""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain(_host.Cycles.Cancelled, c => c.CycleId == "xs-cancel");
    }

    [Fact]
    public async Task A_task_page_post_from_another_site_answers_403_and_records_nothing()
    {
        _host.Approvals.Pages["xs-task"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-xs-task"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tasks/xs-task") { Content = Browser.Form(("decision[P-001]", "revert")) };
        request.Headers.Add("Origin", ForeignOrigin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_host.Approvals.Decisions, d => d.Token == "xs-task");
    }

    [Fact]
    public async Task A_task_page_post_from_the_task_page_itself_needs_no_antiforgery_token()
    {
        _host.Approvals.Pages["xs-task-own"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-xs-task-own"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tasks/xs-task-own") { Content = Browser.Form(("decision[P-001]", "revert")) };
        request.Headers.Add("Origin", HostFactory.PublicBaseUrl);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(_host.Approvals.Decisions, d => d.Token == "xs-task-own");
    }

    [Fact]
    public async Task A_management_post_from_a_foreign_origin_answers_403_even_with_the_system_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/runtime/webhooks/durabletask/instances/xs-none/terminate?reason=x&code={HostFactory.SystemKey}");
        request.Headers.Add("Origin", ForeignOrigin);

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_cors_preflight_from_another_site_gets_no_access_control_allow_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/cycles");
        request.Headers.Add("Origin", ForeignOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"The preflight answered {response.StatusCode} with Access-Control-Allow-Origin.");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task The_new_cycle_form_posted_from_this_site_still_starts_a_cycle_and_from_another_site_is_refused()
    {
        var client = _host.CreateStaffClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Browser.AntiforgeryField(client, "/cycles/new");
        MultipartFormDataContent Form(string file) => new()
        {
            { new StringContent(token.Value), token.Name },
            { new ByteArrayContent("inventory bytes"u8.ToArray()), "file", file },
            { new StringContent("designation-review"), "kind" },
            { new StringContent("DEPARTMENT OF EXAMPLE"), "agency" },
            { new StringContent("2025-03-24"), "deadline" },
            { new StringContent("Casey Chco"), "chcoName" },
            { new StringContent("chco@agency.example.gov"), "chcoEmail" },
            { new StringContent("Office of Policy; Harper Head; head@agency.example.gov\n"), "approvers" },
        };

        using var own = new HttpRequestMessage(HttpMethod.Post, "/cycles/new") { Content = Form("xs-page-own.xlsx") };
        own.Headers.Add("Origin", HostFactory.PublicBaseUrl);
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        var ownResponse = await client.SendAsync(own);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/cycles/new") { Content = Form("xs-page-foreign.xlsx") };
        foreign.Headers.Add("Origin", ForeignOrigin);
        foreign.Headers.Add("Sec-Fetch-Site", "cross-site");
        var foreignResponse = await client.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.Redirect, ownResponse.StatusCode);
        Assert.Contains(_host.Uploads.Uploaded, u => u.FileName == "xs-page-own.xlsx");
        Assert.Equal(HttpStatusCode.Forbidden, foreignResponse.StatusCode);
        Assert.DoesNotContain(_host.Uploads.Uploaded, u => u.FileName == "xs-page-foreign.xlsx");
    }
}
