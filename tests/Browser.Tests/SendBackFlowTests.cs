using Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Browser.Tests;

/// <summary>The signer sends the package back with a note; the approver sees the note on a new round, decides again; the signer approves.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SendBackFlowTests(BrowserSystem system, ITestOutputHelper output)
{
    private const string Note = "Please reconsider the first position with the General Counsel.";

    [Fact]
    public Task A_package_sent_back_returns_to_the_approver_with_the_note_and_is_signed_off_in_round_two() =>
        BrowserFlow.RunAsync(system, output, nameof(SendBackFlowTests), async flow =>
        {
            var (staff, cycleId, _) = await NewCycle.StartAsStaffAsync(flow, "designation-review", seed: 45,
                inventory => NewCycle.OneApprover(inventory, "Morgan Approver", "morgan.approver@agency.example.gov"));

            await flow.OpenMessageAsync(staff, cycleId, "task/decision-01/r1/initial");
            var approver = await flow.FollowTaskLinkAsync(staff, "Open your task");
            await Decisions.DecideAsync(flow, approver, retainFirst: false);

            await flow.OpenMessageAsync(staff, cycleId, "task/signoff-r1/r1/initial");
            var signer = await flow.FollowTaskLinkAsync(staff, "Review and sign off");
            await signer.GetByRole(AriaRole.Button, new() { Name = "Send back" }).WaitForAsync();
            // Send back without a note: refused, nothing recorded, the page says what is missing.
            await signer.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
            await signer.GetByRole(AriaRole.Alert).First.WaitForAsync();
            await flow.CheckAsync(signer, "sign-off page with errors");
            await signer.GetByLabel("Note (required when sending back)").FillAsync(Note);
            await signer.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
            await signer.GetByRole(AriaRole.Heading, new() { Name = "Recorded", Exact = true }).WaitForAsync();
            await flow.CheckAsync(signer, "sent back");

            await flow.OpenMessageAsync(staff, cycleId, "task/decision-01/r2/initial");
            var again = await flow.FollowTaskLinkAsync(staff, "Open your task");
            await again.GetByRole(AriaRole.Button, new() { Name = "Record decisions" }).WaitForAsync();
            Assert.Contains(Note, await again.GetByRole(AriaRole.Main).InnerTextAsync());
            var retained = await Decisions.DecideAsync(flow, again, retainFirst: true);

            await Decisions.ApproveWithConfirmationAsync(flow, staff, cycleId, "task/signoff-r2/r2/initial");
            var report = await Decisions.DownloadOpmAttachmentAsync(flow, staff, cycleId);
            Decisions.AssertRetentionIn(report, retained!);
        });
}
