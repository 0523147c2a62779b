using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SesReview.Host.Tests.Support;
using SesReview.Workflows.Audit;
using TestSupport;

namespace SesReview.Host.Tests;

public class CycleApiTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public CycleApiTests(HostFactory host) => _host = host;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Starting_a_cycle_answers_202_with_durable_management_links_and_the_status_location()
    {
        var client = _host.CreateStaffClient();
        client.DefaultRequestHeaders.Add("x-functions-key", HostFactory.SystemKey);
        var response = await client.PostAsync("/api/cycles", Json("""{ "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "dr-2025" }"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal("dr-2025", body.GetProperty("id").GetString());
        var status = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal($"{HostFactory.PublicBaseUrl}/runtime/webhooks/durabletask/instances/dr-2025?code={HostFactory.SystemKey}", status);
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.Equal($"{HostFactory.PublicBaseUrl}/runtime/webhooks/durabletask/instances/dr-2025/raiseEvent/{{eventName}}?code={HostFactory.SystemKey}",
            body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{HostFactory.PublicBaseUrl}/runtime/webhooks/durabletask/instances/dr-2025/terminate?reason={{text}}&code={HostFactory.SystemKey}",
            body.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Contains("/instances/dr-2025/suspend?reason={text}&code=", body.GetProperty("suspendPostUri").GetString());
        Assert.Contains("/instances/dr-2025/resume?reason={text}&code=", body.GetProperty("resumePostUri").GetString());
        Assert.Equal($"{HostFactory.PublicBaseUrl}/api/cycles/dr-2025", body.GetProperty("cycleStatusUri").GetString());
    }

    [Fact]
    public async Task Management_links_use_the_configured_public_address_whatever_Host_header_the_caller_sends()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles")
        {
            Content = Json("""{ "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "dr-host" }"""),
        };
        request.Headers.Host = "attacker.example.com";
        var response = await _host.CreateStaffClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"{HostFactory.PublicBaseUrl}/runtime/webhooks/durabletask/instances/dr-host", response.Headers.Location!.ToString());
        Assert.DoesNotContain("attacker.example.com", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_caller_without_the_system_key_gets_management_links_without_the_key()
    {
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", Json("""{ "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "dr-2026" }"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal($"{HostFactory.PublicBaseUrl}/runtime/webhooks/durabletask/instances/dr-2026", body.GetProperty("statusQueryGetUri").GetString());
        Assert.DoesNotContain(HostFactory.SystemKey, body.ToString());
    }

    [Fact]
    public async Task Starting_a_cycle_records_the_signed_in_user_and_the_api_channel()
    {
        var client = _host.CreateStaffClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles")
        {
            Content = Json("""{ "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "actor-check", "memoDate": "2025-02-05" }"""),
        };
        // The header App Service forwards with a name; a client can send it too, so it names no one now.
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "chco@agency.example.gov");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = _host.Cycles.Started.Single(s => s.Request.CycleId == "actor-check");
        Assert.Equal(SignedIn.StaffEmail, started.Actor);
        Assert.Equal("api", started.Origin.Channel);
        Assert.Equal(new DateOnly(2025, 2, 5), started.Request.MemoDate);
    }

    [Fact]
    public async Task Starting_a_cycle_with_bad_fields_answers_400_problem_details_naming_every_field()
    {
        var client = _host.CreateStaffClient();
        var response = await client.PostAsync("/api/cycles", Json("""{ "kind": "designation-review" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJson(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["agency", "inventoryUploadId"], errors);
    }

    [Fact]
    public async Task Starting_a_cycle_with_a_file_uploads_it_first_and_starts_from_that_upload()
    {
        var client = _host.CreateStaffClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{ "agency": "DEPARTMENT OF EXAMPLE", "cycleId": "with-file" }"""), "request" },
            { new ByteArrayContent("inventory bytes"u8.ToArray()), "file", "inventory.xlsx" },
        };
        var response = await ApiAntiforgery.PostFormAsync(client, "/api/cycles", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var upload = Assert.Single(_host.Uploads.Uploaded, u => u.Content == "inventory bytes");
        Assert.Equal("inventory.xlsx", upload.FileName);
        var started = _host.Cycles.Started.Single(s => s.Request.CycleId == "with-file");
        Assert.StartsWith("upload-", started.Request.InventoryUploadId);
    }

    [Fact]
    public async Task Getting_an_unknown_cycle_answers_404_problem_details()
    {
        var response = await _host.CreateStaffClient().GetAsync("/api/cycles/no-such-cycle");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_answers_by_outcome()
    {
        _host.Cycles.Cycles["to-cancel"] = Samples.Details("to-cancel");
        _host.Cycles.Cycles["finished"] = Samples.Details("finished");
        _host.Cycles.Finished.Add("finished");
        var client = _host.CreateStaffClient();

        var noReason = await client.PostAsJsonAsync("/api/cycles/to-cancel/cancel", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", (await ReadJson(noReason)).GetProperty("errors")[0].GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/cycles/to-cancel/cancel", new { reason = "Started with the wrong inventory." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/cycles/finished/cancel", new { reason = "Too late." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/cycles/nope/cancel", new { reason = "Whatever." })).StatusCode);
        Assert.Contains(_host.Cycles.Cancelled, c => c.CycleId == "to-cancel" && c.Reason == "Started with the wrong inventory." && c.Actor == SignedIn.StaffEmail);
    }

    [Fact]
    public async Task Package_answers_404_before_one_is_built()
    {
        _host.Cycles.Cycles["no-package"] = Samples.Details("no-package");
        var response = await _host.CreateStaffClient().GetAsync("/api/cycles/no-package/package");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Audit_trail_is_listed_as_json_and_downloads_as_a_spreadsheet()
    {
        _host.Cycles.Cycles["audited"] = Samples.Details("audited");
        await _host.Audit.AppendAsync(new AuditEntry("audited", Samples.Start, AuditKinds.CycleStarted, "chco@agency.example.gov", "api", "10.0.0.4", "Started."));
        var client = _host.CreateStaffClient();

        var json = await ReadJson(await client.GetAsync("/api/cycles/audited/audit"));
        Assert.Equal("cycle-started", json[0].GetProperty("kind").GetString());

        var xlsx = await client.GetAsync("/api/cycles/audited/audit.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("audited-audit.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task A_date_that_cannot_be_read_is_named_in_the_errors()
    {
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", Json("""{ "agency": "X", "memoDate": "05/02/2025" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("memoDate", (await ReadJson(response)).GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
