using System.Net;
using System.Text.Json;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;

namespace EndToEnd.Tests;

/// <summary>Task links that must not work, and an inventory that must not start a cycle, against the real host.</summary>
public sealed class AccessAndInputEndToEndTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Forged_expired_and_other_approvers_links_are_refused_and_a_finished_cycles_link_is_gone()
    {
        await using var system = await ReviewSystem.StartAsync();
        var upload = await system.UploadAsync(InventoryGenerator.Generate(60, seed: 4));
        const string cycleId = "e2e-links";
        var started = await system.StartCycleAsync(new
        {
            cycleId, kind = "designation-review", agency = upload.GetProperty("agencies")[0].GetString(), memoDate = Today, deadline = Today.AddDays(45),
            inventoryUploadId = upload.GetProperty("uploadId").GetString(),
            chco = new { name = "Casey Chco", email = "chco@agency.example.gov" },
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var task = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/initial");
        string link = ReviewSystem.LinkOf(task);
        string token = link["/tasks/".Length..];
        var tokens = new ApprovalTokens(new ApprovalOptions { SigningKey = ReviewSystem.SigningKey }, TimeProvider.System);
        Assert.Equal(TokenFailure.None, tokens.Validate(token, out var claims));

        string forged = token[..^3] + (token[^3] == 'x' ? "y" : "x") + token[^2..];
        string expired = tokens.Create(claims! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        string otherApprover = tokens.Create(claims! with { ApproverEmail = "someone.else@agency.example.gov" });
        string otherKey = new ApprovalTokens(new ApprovalOptions { SigningKey = new string('k', 40) }, TimeProvider.System).Create(claims!);
        foreach (var bad in new[] { forged, expired, otherApprover, otherKey })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await system.Http.GetAsync($"/tasks/{bad}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await system.PostFormAsync($"/tasks/{bad}", [new("decision[X]", "revert")])).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync(link)).StatusCode);

        system.Http.DefaultRequestHeaders.Add("x-functions-key", ReviewSystem.SystemKey);
        var cancel = await system.Http.PostAsync($"/api/cycles/{cycleId}/cancel", JsonContent("""{ "reason": "Started with the wrong inventory" }"""));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await system.WaitForCycleAsync(cycleId, c => c.GetProperty("summary").GetProperty("runtimeStatus").GetString() == "Terminated");
        Assert.Equal(HttpStatusCode.Gone, (await system.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_inventory_with_errors_is_answered_with_each_error_and_no_cycle_starts()
    {
        await using var system = await ReviewSystem.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{ "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "chco": { "name": "C", "email": "c@agency.example.gov" } }"""), "request" },
            { new ByteArrayContent("PositionId,Title\nP-1,Director\n"u8.ToArray()), "file", "inventory.xlsx" },
        };
        var response = await TestSupport.ApiAntiforgery.PostFormAsync(system.Http, "/api/cycles", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ReviewSystem.ReadJsonAsync(response);
        var error = problem.GetProperty("errors").EnumerateArray().First();
        Assert.Equal("inventory.xlsx", error.GetProperty("file").GetString());

        var cycles = await system.Http.GetStringAsync("/api/cycles");
        Assert.Equal(0, JsonDocument.Parse(cycles).RootElement.GetArrayLength());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
