using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using TestSupport;
using SesReview.Workbooks.Export;

namespace EndToEnd.Tests;

/// <summary>
/// A designation cycle over 200 positions through the real host on Azurite: started over HTTP, decided through the task
/// links found in the outbox, reminded and escalated on short timers, signed off, emailed to OPM — with the host killed
/// (SIGKILL) once during the assessment fan-out and once while approvals are awaited.
/// </summary>
public sealed class DesignationCycleEndToEndTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_200_position_cycle_survives_two_host_kills_and_sends_OPM_one_report_with_every_decision()
    {
        await using var system = await ReviewSystem.StartAsync();
        var upload = await system.UploadAsync(InventoryGenerator.Generate(200, seed: 21));
        string agency = upload.GetProperty("agencies")[0].GetString()!;
        var components = upload.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToList();
        const string cycleId = "e2e-designation";

        system.Http.DefaultRequestHeaders.Add("x-functions-key", ReviewSystem.SystemKey);
        var started = await system.StartCycleAsync(new
        {
            cycleId, kind = "designation-review", agency, memoDate = Today, deadline = Today.AddDays(45),
            inventoryUploadId = upload.GetProperty("uploadId").GetString(),
            chco = new { name = "Casey Chco", email = "chco@agency.example.gov" },
            approvers = components.Select((c, i) => new { component = c, approver = new { name = $"Approver {i % 2}", email = $"approver{i % 2}@agency.example.gov" } }),
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var management = await ReviewSystem.ReadJsonAsync(started);
        Assert.Equal(cycleId, management.GetProperty("id").GetString());
        Assert.Equal(management.GetProperty("statusQueryGetUri").GetString(), started.Headers.Location!.ToString());
        var status = await system.Http.GetAsync(started.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);

        // Kill 1: once the assessment fan-out has stored its first slice: a durable state the test sees however slowly it
        // polls. How far the fan-out got by the kill varies (slices of 10) and is printed; that every position ends up
        // assessed once is asserted after the restart.
        var storedBeforeKill = await Poll.UntilAsync(async () => await system.GetPositionsAsync(cycleId) is var p && p.GetArrayLength() > 0 ? new[] { p } : null,
            TimeSpan.FromSeconds(60), () => Task.FromResult($"no assessed position was stored.\nHost output:\n{system.Host.Output}"));
        await system.Host.KillAsync();
        output.WriteLine($"Killed after {storedBeforeKill[0].GetArrayLength()} assessed positions were seen stored; " +
            $"{(await system.Outbox.ListAsync(cycleId, 1000)).Count} messages had been sent.");
        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await system.Host.StartAsync();

        // Each approver gets one task; the first is reminded and then escalated to the CHCO before anyone decides.
        // The killed host's partitions and messages come back to the new process within the product's 60 s promise.
        var task1 = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/initial", seconds: 60);
        output.WriteLine($"Resumed after the kill during the assessment: first task sent {restarted.Elapsed.TotalSeconds:0.0} s after the restart began.");
        Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(60), $"The first task came {restarted.Elapsed.TotalSeconds:0} s after the restart.");
        var task2 = await system.WaitForMessageAsync(cycleId, "task/decision-02/r1/initial");
        Assert.Equal("approver0@agency.example.gov", task1.Message.To.Single());
        var reminder = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/reminder/1");
        Assert.Equal("approver0@agency.example.gov", reminder.Message.To.Single());
        var escalation = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/escalation/1");
        Assert.Equal("chco@agency.example.gov", escalation.Message.To.Single());
        var overdue = await system.WaitForCycleAsync(cycleId, c => c.GetProperty("summary").GetProperty("status").GetProperty("overdueTasks").GetInt32() >= 1);
        Assert.Equal("awaitingDecisions", Phase(overdue));

        var decided = new Dictionary<string, ProposedAction>();
        var posted = await DecideAllAsync(system, ReviewSystem.LinkOf(task1), decided);
        var repeat = await system.PostFormAsync(ReviewSystem.LinkOf(task1), posted);
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Contains("already recorded", repeat.Html, StringComparison.OrdinalIgnoreCase);

        // Kill 2: while the second approver's decisions are awaited. Nothing decided so far may be lost.
        await system.Host.KillAsync();
        restarted.Restart();
        await system.Host.StartAsync();
        await DecideAllAsync(system, ReviewSystem.LinkOf(task2), decided);

        var signOff = await system.WaitForMessageAsync(cycleId, "task/signoff-r1/r1/initial", seconds: 60);
        output.WriteLine($"Resumed after the kill while awaiting approvals: sign-off requested {restarted.Elapsed.TotalSeconds:0.0} s after the restart began.");
        Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(60), $"The sign-off request came {restarted.Elapsed.TotalSeconds:0} s after the restart.");
        Assert.Equal("chco@agency.example.gov", signOff.Message.To.Single());
        var signed = await system.PostFormAsync(ReviewSystem.LinkOf(signOff), [new("action", "approve"), new("confirm", "yes")]);
        Assert.Equal(HttpStatusCode.OK, signed.Status);

        var done = await system.WaitForCycleAsync(cycleId, c => c.GetProperty("summary").GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated");
        Assert.Equal("Completed", done.GetProperty("summary").GetProperty("runtimeStatus").GetString());

        // Exactly one email to OPM, and no message key twice.
        var messages = await system.Outbox.ListAsync(cycleId, 1000);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageKey).Distinct().Count());
        var toOpm = Assert.Single(messages, m => m.To.Contains("allocation-management@opm.gov"));
        Assert.Equal("submission/opm", toOpm.MessageKey);
        var submission = (await system.Outbox.GetAsync(cycleId, "submission/opm"))!;
        Assert.Equal(done.GetProperty("submission").GetProperty("attachmentSha256").GetString(), submission.AttachmentSha256);

        // The report's rows match the decisions, including those posted before the second kill.
        var sheets = WorkbookCells.Read(submission.Message.Attachments.Single().Content);
        var rows = sheets.Values.SelectMany(r => r).ToList();
        // The cycle assesses as of the agency's local date, which is not always today's UTC date.
        var asOf = DateOnly.Parse(done.GetProperty("input").GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expectedNeeds = new DesignationAssessor().Assess(InventoryGenerator.Generate(200, seed: 21), asOf)
            .Where(a => a.NeedsDecision).Select(a => a.PositionId).ToHashSet();
        Assert.Equal(expectedNeeds, decided.Keys.ToHashSet());
        foreach (var (positionId, action) in decided)
        {
            var row = rows.FirstOrDefault(r => r.Contains(positionId));
            Assert.True(row is not null, $"Position {positionId} is missing from the report.");
            Assert.Contains(DesignationReportWriter.ActionText(action), row);
        }

        // The fan-out the first kill cut into still assessed every ES position of the agency, each once.
        var esPositions = InventoryGenerator.Generate(200, seed: 21).Positions.Where(p => p.PayPlan == PayPlan.ES && p.Agency == agency).Select(p => p.PositionId);
        var assessed = (await system.GetPositionsAsync(cycleId)).EnumerateArray().Select(p => p.GetProperty("positionId").GetString()!).ToList();
        Assert.Equal(esPositions.Order(StringComparer.Ordinal), assessed.Order(StringComparer.Ordinal));

        var audit = await system.Http.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/audit");
        var kinds = audit.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(decided.Count, kinds.Count(k => k == "decision"));
        Assert.Contains("reminder", kinds);
        Assert.Contains("escalation", kinds);
        Assert.Contains("sign-off", kinds);
        Assert.Single(kinds, k => k == "submission");
        Assert.All(audit.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "decision"),
            e => Assert.Equal("web", e.GetProperty("channel").GetString()));
    }

    /// <summary>Opens a task link, decides every position on the page (first: retain with a justification; others: revert), posts it.</summary>
    private static async Task<List<KeyValuePair<string, string>>> DecideAllAsync(ReviewSystem system, string link, Dictionary<string, ProposedAction> decided)
    {
        var page = await system.GetPageAsync(link);
        var positions = page.QuerySelectorAll("input[type=radio][name^='decision[']").Select(i => i.GetAttribute("name")!).Distinct().ToList();
        Assert.NotEmpty(positions);
        var fields = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < positions.Count; i++)
        {
            string id = positions[i]["decision[".Length..^1];
            bool retain = i == 0;
            fields.Add(new(positions[i], retain ? "retain" : "revert"));
            if (retain) fields.Add(new($"justification[{id}]", "Impartiality of enforcement decisions requires a career incumbent in this role."));
            decided[id] = retain ? ProposedAction.RequestRetention : ProposedAction.RevertToGeneral;
        }
        var (status, html) = await system.PostFormAsync(link, fields);
        Assert.True(status == HttpStatusCode.OK, $"POST {link} answered {(int)status}: {html}");
        return fields;
    }

    private static string? Phase(JsonElement cycle) =>
        cycle.GetProperty("summary").GetProperty("status") is { ValueKind: JsonValueKind.Object } s ? s.GetProperty("phase").GetString() : null;
}
