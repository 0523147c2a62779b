using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SesReview.Domain.Samples;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>Sign-in and roles on the host as a real process, signed in on its development sign-in page as the main job is used.</summary>
public sealed class SignInEndToEndTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Roles_decide_who_reads_and_writes_the_audit_names_the_signed_in_person_and_task_links_need_no_sign_in()
    {
        await using var system = await ReviewSystem.StartAsync();

        // Not signed in: the API answers 401, a page sends the browser to the sign-in page.
        var anonymousApi = await system.Anonymous.GetAsync("/api/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
        Assert.Equal("application/problem+json", anonymousApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Anonymous.PostAsJsonAsync("/api/cycles", new { agency = "X" })).StatusCode);
        var anonymousPage = await system.Anonymous.GetAsync("/cycles/new");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fcycles%2Fnew", anonymousPage.Headers.Location?.OriginalString);

        // Staff start a cycle; the headers App Service would forward are sent too and must name no one in this mode.
        var upload = await system.UploadAsync(InventoryGenerator.Generate(60, seed: 11));
        const string cycleId = "e2e-sign-in";
        var start = new HttpRequestMessage(HttpMethod.Post, "/api/cycles")
        {
            Content = JsonContent.Create(new
            {
                cycleId, kind = "designation-review", agency = upload.GetProperty("agencies")[0].GetString(), memoDate = Today, deadline = Today.AddDays(45),
                inventoryUploadId = upload.GetProperty("uploadId").GetString(), chco = new { name = "Casey Chco", email = "chco@agency.example.gov" },
            }),
        };
        start.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "forged@attacker.example.com");
        start.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String("""{"name_typ":"name","claims":[{"typ":"name","val":"forged@attacker.example.com"}]}"""u8.ToArray()));
        Assert.Equal(HttpStatusCode.Accepted, (await system.Http.SendAsync(start)).StatusCode);

        // Compliance reads everything about the cycle but may change nothing, and does not see the outbox (task links).
        using var compliance = await system.SignInAsync("Robin Reader", "robin.reader@agency.example.gov", "Compliance");
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync($"/api/cycles/{cycleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync($"/api/cycles/{cycleId}/positions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync($"/cycles/{cycleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await compliance.GetAsync($"/api/cycles/{cycleId}/audit.xlsx")).StatusCode);
        var refusedCancel = await compliance.PostAsJsonAsync($"/api/cycles/{cycleId}/cancel", new { reason = "Compliance tries to cancel." });
        Assert.Equal(HttpStatusCode.Forbidden, refusedCancel.StatusCode);
        Assert.Contains("ExecutiveResources", await refusedCancel.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.PostAsJsonAsync("/api/cycles", new { agency = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync("/outbox")).StatusCode);

        // The approver's task link opens without signing in.
        var task = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/initial");
        Assert.Equal(HttpStatusCode.OK, (await system.Anonymous.GetAsync(ReviewSystem.LinkOf(task))).StatusCode);

        // The audit trail, as compliance reads it, names the signed-in staff member as the one who started the cycle.
        var audit = await compliance.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/audit");
        var startedEntry = audit.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "cycle-started");
        Assert.Equal(ReviewSystem.StaffEmail, startedEntry.GetProperty("actor").GetString());
        Assert.DoesNotContain("attacker.example.com", audit.ToString());
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("kind").GetString() == "cycle-cancelled");

        // Signing out ends the session.
        Assert.Equal(HttpStatusCode.Redirect, (await compliance.PostAsync("/signout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await compliance.GetAsync("/api/cycles")).StatusCode);
    }

    [Fact]
    public async Task The_real_host_does_not_start_without_a_sign_in_mode_nor_in_development_mode_on_every_interface()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Approvals__SigningKey"] = ReviewSystem.SigningKey,
            ["Runtime__SystemKey"] = ReviewSystem.SystemKey,
        };

        var noMode = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(settings));
        Assert.Contains("Setting 'Access:Mode' (Access__Mode) is not set", noMode.Message);

        // Kestrel's endpoint settings replace --urls: the host would listen on every interface, so it must refuse to start.
        settings["Access__Mode"] = "Development";
        settings["Kestrel__Endpoints__Http__Url"] = "http://0.0.0.0:0";
        var everywhere = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(settings));
        Assert.Contains("listens on loopback addresses only", everywhere.Message);
        Assert.Contains("http://0.0.0.0:0", everywhere.Message);
    }
}
