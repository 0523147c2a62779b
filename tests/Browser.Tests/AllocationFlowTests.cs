using System.Text.RegularExpressions;
using Browser.Tests.Support;
using Microsoft.Playwright;
using TestSupport;
using Xunit.Abstractions;

namespace Browser.Tests;

/// <summary>An allocation cycle clicked through: component heads propose adjustments, the agency head signs, OPM gets the workbook.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AllocationFlowTests(BrowserSystem system, ITestOutputHelper output)
{
    private const string Justification = "The function moved to another component in 2025.";

    [Fact]
    public Task Component_heads_propose_the_agency_head_confirms_and_OPM_gets_the_adjustment_workbook() =>
        BrowserFlow.RunAsync(system, output, nameof(AllocationFlowTests), async flow =>
        {
            var (staff, cycleId, _) = await NewCycle.StartAsStaffAsync(flow, "allocation-review", seed: 33,
                inventory => NewCycle.TwoApprovers(inventory, "Head"), signer: ("Alex Head", "agency.head@agency.example.gov"));

            string? adjustedLine = null;
            for (var n = 1; ; n++)
            {
                var next = await flow.WaitForAnyMessageAsync(staff, cycleId, $"task/proposal-0{n}/r1/initial", "task/signoff-r1/r1/initial");
                if (next.StartsWith("task/signoff", StringComparison.Ordinal)) break;
                await flow.OpenMessageAsync(staff, cycleId, next);
                var head = await flow.FollowTaskLinkAsync(staff, "Open your task");
                await head.GetByRole(AriaRole.Button, new() { Name = "Record proposals" }).WaitForAsync();
                await flow.CheckAsync(head, "proposal page");

                var adjustments = await head.GetByRole(AriaRole.Spinbutton, new() { NameRegex = new Regex("^Adjustment for ") }).AllAsync();
                Assert.NotEmpty(adjustments);
                foreach (var box in adjustments)
                {
                    var key = (await box.EvaluateAsync<string>("e => e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '')")).Trim()["Adjustment for ".Length..].Trim();
                    var adjust = adjustedLine is null;
                    await box.FillAsync(adjust ? "-1" : "0");
                    await head.GetByRole(AriaRole.Textbox, new() { Name = $"Reason for {key}", Exact = true }).FillAsync("Annual staffing plan");
                    if (adjust)
                    {
                        await head.GetByRole(AriaRole.Textbox, new() { Name = $"Justification for {key}", Exact = true }).FillAsync(Justification);
                        adjustedLine = key;
                    }
                }
                await head.GetByRole(AriaRole.Button, new() { Name = "Record proposals" }).ClickAsync();
                await head.GetByRole(AriaRole.Heading, new() { Name = "Recorded", Exact = true }).WaitForAsync();
                await flow.CheckAsync(head, "proposals recorded");
            }
            Assert.NotNull(adjustedLine);

            await Decisions.ApproveWithConfirmationAsync(flow, staff, cycleId, "task/signoff-r1/r1/initial");
            var workbook = await Decisions.DownloadOpmAttachmentAsync(flow, staff, cycleId);

            // The adjustment workbook carries the line adjusted by -1 with its justification.
            var component = adjustedLine![..adjustedLine!.LastIndexOf('|')];
            var rows = WorkbookCells.Read(workbook).Values.SelectMany(r => r).ToList();
            Assert.Contains(rows, r => r.Contains(component) && r.Contains("-1") && r.Any(c => c.Contains(Justification, StringComparison.Ordinal)));

            await staff.GotoAsync($"/cycles/{Uri.EscapeDataString(cycleId)}");
            await flow.CheckAsync(staff, "cycle page (allocation submitted)");
        });
}
