using Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Browser.Tests;

/// <summary>A whole designation cycle clicked through as the people in it would: staff, two approvers, the signer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignationFlowTests(BrowserSystem system, ITestOutputHelper output)
{

    [Fact]
    public Task Staff_start_a_cycle_approvers_decide_from_their_messages_and_OPM_gets_the_report_with_the_retention_once() =>
        BrowserFlow.RunAsync(system, output, nameof(DesignationFlowTests), async flow =>
        {
            var (staff, cycleId, _) = await NewCycle.StartAsStaffAsync(flow, "designation-review", seed: 21,
                inventory => NewCycle.TwoApprovers(inventory, "Approver"), showErrorsFirst: true);

            // Each approver's task message; the first decider retains one position, everything else is reverted.
            string? retained = null;
            for (var n = 1; ; n++)
            {
                var next = await flow.WaitForAnyMessageAsync(staff, cycleId, $"task/decision-0{n}/r1/initial", "task/signoff-r1/r1/initial");
                if (next.StartsWith("task/signoff", StringComparison.Ordinal)) break;
                await flow.CheckAsync(staff, "outbox list");
                await flow.OpenMessageAsync(staff, cycleId, next);
                await flow.CheckAsync(staff, "outbox message (task)");
                var approver = await flow.FollowTaskLinkAsync(staff, "Open your task");
                var decided = await Decisions.DecideAsync(flow, approver, retainFirst: retained is null);
                retained ??= decided;
            }
            Assert.NotNull(retained);

            var signed = await Decisions.ApproveWithConfirmationAsync(flow, staff, cycleId, "task/signoff-r1/r1/initial");
            Assert.EndsWith(".xlsx", signed);

            var report = await Decisions.DownloadOpmAttachmentAsync(flow, staff, cycleId);
            Decisions.AssertRetentionIn(report, retained!);

            await staff.GotoAsync($"/cycles/{Uri.EscapeDataString(cycleId)}");
            await flow.CheckAsync(staff, "cycle page (submitted)");
            await staff.GotoAsync("/");
            await staff.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
            await flow.CheckAsync(staff, "dashboard with a finished cycle");
        });
}
