using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SesReview.Domain.Samples;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>An allocation cycle through the real host: proposals on the component heads' pages, agency-head sign-off, the workbook to OPM.</summary>
public sealed class AllocationCycleEndToEndTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Component_heads_propose_the_agency_head_signs_and_OPM_gets_the_adjustment_workbook_once()
    {
        await using var system = await ReviewSystem.StartAsync();
        var upload = await system.UploadAsync(InventoryGenerator.Generate(200, seed: 33));
        string agency = upload.GetProperty("agencies")[0].GetString()!;
        var components = upload.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToList();
        const string cycleId = "e2e-allocation";

        var started = await system.StartCycleAsync(new
        {
            cycleId, kind = "allocation-review", agency, memoDate = Today, deadline = Today.AddDays(20),
            inventoryUploadId = upload.GetProperty("uploadId").GetString(),
            chco = new { name = "Casey Chco", email = "chco@agency.example.gov" },
            signer = new { name = "Alex Head", email = "agency.head@agency.example.gov" },
            approvers = components.Select((c, i) => new { component = c, approver = new { name = $"Head {i % 2}", email = $"head{i % 2}@agency.example.gov" } }),
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        var proposed = new Dictionary<string, int>();
        foreach (var taskId in new[] { "proposal-01", "proposal-02" })
        {
            var task = await system.WaitForMessageAsync(cycleId, $"task/{taskId}/r1/initial");
            var page = await system.GetPageAsync(ReviewSystem.LinkOf(task));
            var lines = page.QuerySelectorAll("input[name^='adjustment[']").Select(i => i.GetAttribute("name")!["adjustment[".Length..^1]).ToList();
            Assert.NotEmpty(lines);
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var line in lines)
            {
                int adjustment = line == lines[0] ? -1 : 0;
                proposed[line] = adjustment;
                fields.Add(new($"adjustment[{line}]", adjustment.ToString()));
                fields.Add(new($"reason[{line}]", "Annual staffing plan"));
                if (adjustment != 0) fields.Add(new($"justification[{line}]", "The function moved to another component in 2025."));
            }
            var (status, html) = await system.PostFormAsync(ReviewSystem.LinkOf(task), fields);
            Assert.True(status == HttpStatusCode.OK, html);
        }

        var signOff = await system.WaitForMessageAsync(cycleId, "task/signoff-r1/r1/initial");
        Assert.Equal("agency.head@agency.example.gov", signOff.Message.To.Single());
        var draft = await system.Http.GetAsync(ReviewSystem.LinkOf(signOff) + "/package");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.PostFormAsync(ReviewSystem.LinkOf(signOff), [new("action", "approve"), new("confirm", "yes")])).Status);

        var done = await system.WaitForCycleAsync(cycleId, c => c.GetProperty("summary").GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated");
        Assert.Equal("Completed", done.GetProperty("summary").GetProperty("runtimeStatus").GetString());
        var messages = await system.Outbox.ListAsync(cycleId, 1000);
        Assert.Single(messages, m => m.To.Contains("allocation-management@opm.gov"));
        var submission = (await system.Outbox.GetAsync(cycleId, "submission/opm"))!;
        var rows = WorkbookCells.Read(submission.Message.Attachments.Single().Content).Values.SelectMany(r => r).ToList();
        // Every proposed line is in the workbook; the one reduction carries its justification; the signature names the signer.
        foreach (var (line, adjustment) in proposed.Where(p => p.Value != 0))
        {
            var component = line[..line.LastIndexOf('|')];
            Assert.Contains(rows, r => r.Contains(component) && r.Contains(adjustment.ToString()) && r.Contains("The function moved to another component in 2025."));
        }
        Assert.Contains(rows, r => r.Any(c => c.Contains("Alex Head")));

        var package = await system.Http.GetAsync($"/api/cycles/{cycleId}/package");
        Assert.Equal(HttpStatusCode.OK, package.StatusCode);
        Assert.Equal(submission.Message.Attachments.Single().Content, await package.Content.ReadAsByteArrayAsync());
    }
}
