using TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SesReview.Host.Tests.Support;
using SesReview.Web.Access;
using SesReview.Workflows.Approvals;

namespace SesReview.Host.Tests;

/// <summary>
/// Sign-in and roles in AppService mode (the mode <see cref="HostFactory"/> runs): who may reach which route, what they get when
/// they may not, and who the audit trail names.
/// </summary>
public class AppServiceAccessTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public AppServiceAccessTests(HostFactory host)
    {
        _host = host;
        _host.Cycles.Cycles["access-cycle"] = Samples.Details("access-cycle");
        _host.Cycles.Positions["access-cycle"] = [Samples.Position("P-7", "Director of Audits")];
    }

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    /// <summary>Every /api route with a body that would pass the handler's own checks.</summary>
    public static TheoryData<string, string> ApiRoutes() => new()
    {
        { "GET", "/api/cycles" },
        { "GET", "/api/cycles/access-cycle" },
        { "GET", "/api/cycles/access-cycle/positions" },
        { "GET", "/api/cycles/access-cycle/package" },
        { "GET", "/api/cycles/access-cycle/audit" },
        { "GET", "/api/cycles/access-cycle/audit.xlsx" },
        { "POST", "/api/cycles" },
        { "POST", "/api/cycles/access-cycle/cancel" },
        { "POST", "/api/inventories" },
    };

    /// <summary>Every CHCO page route (the outbox list and a message, the new-cycle form and its post, the cycle page and its cancel post).</summary>
    public static TheoryData<string, string> PageRoutes() => new()
    {
        { "GET", "/" },
        { "GET", "/cycles/access-cycle" },
        { "GET", "/cycles/access-cycle/audit.xlsx" },
        { "POST", "/cycles/access-cycle/cancel" },
        { "GET", "/cycles/new" },
        { "POST", "/cycles/new" },
        { "GET", "/outbox" },
        { "GET", "/outbox/access-cycle/task/someone" },
        { "GET", "/outbox/access-cycle/attachment/0/task/someone" },
    };

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = path switch
            {
                "/api/cycles" => JsonContent.Create(new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId = "never-started" }),
                "/api/inventories" or "/cycles/new" => new MultipartFormDataContent { { new ByteArrayContent("inventory"u8.ToArray()), "file", "inventory.xlsx" } },
                _ when path.StartsWith("/api/", StringComparison.Ordinal) => JsonContent.Create(new { reason = "Never cancelled." }),
                _ => Browser.Form(("reason", "Never cancelled.")),
            };
        }
        return request;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task Every_api_route_answers_401_problem_details_to_a_caller_not_signed_in(string method, string path)
    {
        int started = _host.Cycles.Started.Count, cancelled = _host.Cycles.Cancelled.Count, uploaded = _host.Uploads.Uploaded.Count;
        var response = await _host.CreateClient(NoRedirects).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Sign-in required.", (await Problem(response)).GetProperty("title").GetString());
        Assert.Equal((started, cancelled, uploaded), (_host.Cycles.Started.Count, _host.Cycles.Cancelled.Count, _host.Uploads.Uploaded.Count));
    }

    [Theory]
    [MemberData(nameof(PageRoutes))]
    public async Task Every_chco_page_answers_someone_not_signed_in_with_the_app_service_sign_in_page(string method, string path)
    {
        var response = await _host.CreateClient(NoRedirects).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await Browser.Parse(response);
        Assert.StartsWith("/.auth/login/aad?post_login_redirect_uri=", page.QuerySelector("main a")!.GetAttribute("href"));
        Assert.Contains("App Service authentication is not turned on", page.QuerySelector("main")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("nav"));
    }

    [Theory]
    [InlineData("POST", "/api/cycles")]
    [InlineData("POST", "/api/cycles/access-cycle/cancel")]
    [InlineData("POST", "/api/inventories")]
    public async Task Compliance_gets_403_naming_the_staff_role_on_every_api_write_and_nothing_changes(string method, string path)
    {
        int started = _host.Cycles.Started.Count, cancelled = _host.Cycles.Cancelled.Count, uploaded = _host.Uploads.Uploaded.Count;
        var response = await _host.CreateComplianceClient(NoRedirects).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problem(response);
        Assert.Contains("'ExecutiveResources' (executive resources staff)", problem.GetProperty("detail").GetString());
        Assert.Equal([Roles.Staff], problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal((started, cancelled, uploaded), (_host.Cycles.Started.Count, _host.Cycles.Cancelled.Count, _host.Uploads.Uploaded.Count));
    }

    [Theory]
    [InlineData("POST", "/cycles/access-cycle/cancel")]
    [InlineData("GET", "/cycles/new")]
    [InlineData("POST", "/cycles/new")]
    [InlineData("GET", "/outbox")]
    [InlineData("GET", "/outbox/access-cycle/task/someone")]
    public async Task Compliance_gets_a_plain_403_page_on_every_page_write_the_new_cycle_form_and_the_outbox(string method, string path)
    {
        int started = _host.Cycles.Started.Count, cancelled = _host.Cycles.Cancelled.Count;
        var response = await _host.CreateComplianceClient(NoRedirects).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = (await Browser.Parse(response)).QuerySelector("main")!.TextContent;
        Assert.Contains($"You are signed in as {SignedIn.ComplianceEmail}, as compliance (read-only).", text);
        Assert.Contains("This page or action is for executive resources staff. Nothing was changed.", text);
        Assert.Equal((started, cancelled), (_host.Cycles.Started.Count, _host.Cycles.Cancelled.Count));
    }

    [Theory]
    [InlineData("/api/cycles", HttpStatusCode.OK)]
    [InlineData("/api/cycles/access-cycle", HttpStatusCode.OK)]
    [InlineData("/api/cycles/access-cycle/positions", HttpStatusCode.OK)]
    [InlineData("/api/cycles/access-cycle/package", HttpStatusCode.NotFound)] // the handler's answer: no package built yet
    [InlineData("/api/cycles/access-cycle/audit", HttpStatusCode.OK)]
    [InlineData("/api/cycles/access-cycle/audit.xlsx", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/cycles/access-cycle", HttpStatusCode.OK)]
    [InlineData("/cycles/access-cycle/audit.xlsx", HttpStatusCode.OK)]
    public async Task Compliance_reads_every_cycle_position_audit_trail_and_package_route(string path, HttpStatusCode expected)
    {
        var response = await _host.CreateComplianceClient(NoRedirects).GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.NotFound) Assert.Contains("has no package yet", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compliance_pages_show_who_is_signed_in_and_no_start_cancel_upload_or_outbox_controls()
    {
        var client = _host.CreateComplianceClient();
        var dashboard = await Browser.Parse(await client.GetAsync("/"));
        Assert.Equal(["Dashboard"], dashboard.QuerySelectorAll("nav a").Select(a => a.TextContent));
        Assert.Contains($"Signed in as {SignedIn.ComplianceName} (compliance (read-only))", dashboard.QuerySelector(".signed-in")!.TextContent);
        Assert.DoesNotContain(dashboard.QuerySelectorAll("a"), a => a.GetAttribute("href") is "/cycles/new" or "/outbox");

        var cycle = await Browser.Parse(await client.GetAsync("/cycles/access-cycle"));
        Assert.Contains("Director of Audits", cycle.QuerySelector("main")!.TextContent);
        Assert.Null(cycle.QuerySelector("form[action='/cycles/access-cycle/cancel']"));
        Assert.Empty(cycle.QuerySelectorAll("input[type='file']"));
        Assert.NotNull(cycle.QuerySelector("a[href='/cycles/access-cycle/audit.xlsx']"));
    }

    [Fact]
    public async Task Staff_pages_show_who_is_signed_in_with_the_full_menu_the_cancel_form_and_a_sign_out_button()
    {
        var cycle = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/cycles/access-cycle"));
        Assert.Equal(["Dashboard", "Outbox", "New cycle"], cycle.QuerySelectorAll("nav a").Select(a => a.TextContent));
        Assert.Contains($"Signed in as {SignedIn.StaffName} (executive resources staff)", cycle.QuerySelector(".signed-in")!.TextContent);
        Assert.NotNull(cycle.QuerySelector(".signed-in form[action='/signout'][method='post'] button"));
        Assert.NotNull(cycle.QuerySelector("form[action='/cycles/access-cycle/cancel'] textarea[name='reason']"));
    }

    [Fact]
    public async Task Signing_out_goes_to_app_service_authentications_own_sign_out()
    {
        var response = await _host.CreateStaffClient(NoRedirects).PostAsync("/signout", null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.auth/logout?post_logout_redirect_uri=/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Someone_signed_in_without_a_role_of_this_app_gets_403_on_the_api_and_a_403_page()
    {
        var client = _host.CreateSignedInClient(SignedIn.PrincipalHeader("Pat Nobody", "pat@agency.example.gov"), NoRedirects);

        var api = await client.GetAsync("/api/cycles");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("pat@agency.example.gov holds no role of this app", (await Problem(api)).GetProperty("detail").GetString());

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var document = await Browser.Parse(page);
        Assert.Contains("without a role in this app", document.QuerySelector("main")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("nav"));
    }

    [Fact]
    public async Task Staff_can_start_cancel_and_upload_and_the_audit_actor_is_the_signed_in_identity_not_a_forged_name_header()
    {
        var client = _host.CreateStaffClient(NoRedirects);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", "forged@attacker.example.com");

        var start = await client.PostAsJsonAsync("/api/cycles", new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId = "staff-started" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var cancel = await client.PostAsJsonAsync("/api/cycles/access-cycle/cancel", new { reason = "Staff cancels." });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("staff inventory"u8.ToArray()), "file", "staff.xlsx" } };
        var upload = await ApiAntiforgery.PostFormAsync(client, "/api/inventories", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var token = await Browser.AntiforgeryField(client, "/cycles/access-cycle");
        var pageCancel = await client.PostAsync("/cycles/access-cycle/cancel", Browser.Form(("reason", "Staff cancels on the page."), token));
        Assert.Equal(HttpStatusCode.Redirect, pageCancel.StatusCode);

        Assert.Equal(SignedIn.StaffEmail, _host.Cycles.Started.Single(s => s.Request.CycleId == "staff-started").Actor);
        Assert.Equal(SignedIn.StaffEmail, _host.Cycles.Cancelled.Single(c => c.Reason == "Staff cancels.").Actor);
        Assert.Equal(SignedIn.StaffEmail, _host.Cycles.Cancelled.Single(c => c.Reason == "Staff cancels on the page.").Actor);
        Assert.Equal(SignedIn.StaffEmail, _host.Uploads.Uploaded.Single(u => u.FileName == "staff.xlsx").Actor);
    }

    [Fact]
    public async Task The_name_header_alone_signs_no_one_in()
    {
        var client = _host.CreateClient(NoRedirects);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", SignedIn.StaffEmail);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/cycles", new { agency = "X", inventoryUploadId = "u" })).StatusCode);
    }

    /// <summary>Principal headers that are not what App Service sends.</summary>
    public static TheoryData<string, string> MalformedPrincipals() => new()
    {
        { "not base64", "%%%not-base64%%%" },
        { "base64 of text", Convert.ToBase64String("hello"u8.ToArray()) },
        { "JSON without claims", Convert.ToBase64String("""{ "auth_typ": "aad", "name_typ": "name" }"""u8.ToArray()) },
        { "claims not a list", Convert.ToBase64String("""{ "name_typ": "name", "claims": { "typ": "roles", "val": "ExecutiveResources" } }"""u8.ToArray()) },
        { "claim without a type", Convert.ToBase64String("""{ "name_typ": "name", "role_typ": "roles", "claims": [{ "val": "ExecutiveResources" }] }"""u8.ToArray()) },
        { "no name", Convert.ToBase64String("""{ "name_typ": "name", "role_typ": "roles", "claims": [{ "typ": "roles", "val": "ExecutiveResources" }] }"""u8.ToArray()) },
        { "JSON array", Convert.ToBase64String("[1,2,3]"u8.ToArray()) },
        { "too large", SignedIn.PrincipalHeader(new string('x', AccessSettings.DefaultMaxPrincipalBytes), SignedIn.StaffEmail, Roles.Staff) },
    };

    [Theory]
    [MemberData(nameof(MalformedPrincipals))]
    public async Task A_malformed_or_oversized_principal_header_answers_401_and_changes_nothing(string why, string header)
    {
        int started = _host.Cycles.Started.Count;
        var client = _host.CreateSignedInClient(header, NoRedirects);

        var write = await client.PostAsJsonAsync("/api/cycles", new { agency = "DEPARTMENT OF EXAMPLE", inventoryUploadId = "upload-9", cycleId = "malformed-" + why });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cycles")).StatusCode);
        Assert.Equal(started, _host.Cycles.Started.Count);
    }

    [Fact]
    public async Task A_principal_header_just_under_the_limit_is_read()
    {
        var header = SignedIn.PrincipalHeader("Casey Staff", SignedIn.StaffEmail, Roles.Staff);
        var padded = SignedIn.PrincipalHeader(new string('x', (AccessSettings.DefaultMaxPrincipalBytes - header.Length) * 3 / 4 - 8), SignedIn.StaffEmail, Roles.Staff);
        Assert.InRange(padded.Length, AccessSettings.DefaultMaxPrincipalBytes - 64, AccessSettings.DefaultMaxPrincipalBytes);
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateSignedInClient(padded).GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task Task_links_open_without_sign_in_and_show_no_chco_menu_even_to_signed_in_staff()
    {
        _host.Approvals.Pages["access-task"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("access-cycle"));
        var anonymous = await _host.CreateClient().GetAsync("/tasks/access-task");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Empty((await Browser.Parse(anonymous)).QuerySelectorAll("nav"));

        var staff = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/tasks/access-task"));
        Assert.Empty(staff.QuerySelectorAll("nav"));
        Assert.Null(staff.QuerySelector(".signed-in"));
    }

    [Fact]
    public async Task Management_routes_still_take_the_system_key_only_whoever_is_signed_in()
    {
        const string path = "/runtime/webhooks/durabletask/instances/no-such-instance";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateStaffClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"{path}?code={HostFactory.SystemKey}")).StatusCode);
    }
}
