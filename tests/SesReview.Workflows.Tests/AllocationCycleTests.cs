using Microsoft.DurableTask.Client;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Tests;

public sealed class AllocationCycleTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly RequestOrigin Origin = RequestOrigin.Web("127.0.0.1");

    [Fact]
    public async Task An_allocation_cycle_collects_proposals_is_sent_back_once_and_submits_the_signed_workbook()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(150, seed: 11));
        var head = new Person("Agency Head", "head@agency.example.gov", Title: "Chief of Staff");
        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Allocation,
            Agency = upload.Agencies.Single(),
            MemoDate = Today,
            Deadline = Today.AddDays(20),
            InventoryUploadId = upload.UploadId,
            Chco = new Person("Casey Chco", "chco@agency.example.gov"),
            Signer = head,
            Approvers = [.. upload.Components.Select(c => new ApproverAssignment(c, new Person("Component Head", "component.head@agency.example.gov")))],
        }, "chco@agency.example.gov", Origin);

        var task = await harness.WaitForMessageAsync(cycle.CycleId, "task/proposal-01/r1/initial");
        var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(task));
        Assert.Equal(TaskAccess.Ok, page.Access);
        Assert.NotEmpty(page.View!.Allocations);
        var first = page.View.Allocations[0];
        var proposals = page.View.Allocations.Select(l => new ProposalInput(l.Component, l.PayPlan, l == first ? -1 : 0, "Workforce plan", l == first ? "Fewer positions needed after consolidation" : null)).ToList();
        var recorded = await harness.Approvals.SubmitProposalsAsync(WorkflowHarness.TokenOf(task), proposals, [], Origin);
        Assert.True(recorded.Recorded, recorded.Message + string.Join("; ", recorded.Errors));

        var signOff1 = await harness.WaitForMessageAsync(cycle.CycleId, "task/signoff-r1/r1/initial");
        Assert.Equal(head.Email, signOff1.Message.To.Single());
        var missingNote = await harness.Approvals.SignOffAsync(WorkflowHarness.TokenOf(signOff1), approve: false, " ", Origin);
        Assert.Contains(missingNote.Errors, e => e.Field == "note");
        Assert.True((await harness.Approvals.SignOffAsync(WorkflowHarness.TokenOf(signOff1), approve: false, "Justify the reduction further", Origin)).Recorded);

        // Round 2: the same task opens again with the note; the component head answers again.
        var reopened = await harness.WaitForMessageAsync(cycle.CycleId, "task/proposal-01/r2/initial");
        var page2 = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(reopened));
        Assert.Equal("Justify the reduction further", page2.View!.Task.SendBackNote);
        var revised = proposals.Select(p => p.Adjustment != 0 ? p with { Justification = "Two offices merged in 2025; the position has been vacant 14 months" } : p).ToList();
        Assert.True((await harness.Approvals.SubmitProposalsAsync(WorkflowHarness.TokenOf(reopened), revised, [], Origin)).Recorded);

        var signOff2 = await harness.WaitForMessageAsync(cycle.CycleId, "task/signoff-r2/r2/initial");
        Assert.True((await harness.Approvals.SignOffAsync(WorkflowHarness.TokenOf(signOff2), approve: true, null, Origin)).Recorded);

        var done = await harness.Client.WaitForInstanceCompletionAsync(cycle.CycleId, getInputsAndOutputs: true, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, done.ReadOutputAs<CycleOutcome>()!.SignOffRounds);
        var submission = await harness.WaitForMessageAsync(cycle.CycleId, "submission/opm");
        var package = await harness.Cycles.GetPackageAsync(cycle.CycleId);
        Assert.Equal(package!.Sha256, submission.AttachmentSha256);
        Assert.Equal(package.Content, submission.Message.Attachments.Single().Content);
        // The submitted workbook is the final one, signed by the agency head, with the revised justification.
        var details = await harness.Cycles.GetAsync(cycle.CycleId);
        Assert.True(details!.Package!.Final);
        var cells = TestSupport.WorkbookCells.Read(package.Content).Values.SelectMany(r => r).SelectMany(r => r).ToList();
        Assert.Contains(cells, c => c.Contains("Agency Head"));
        Assert.Contains("Two offices merged in 2025; the position has been vacant 14 months", cells);
        // The signature block: the cycle's own deadline (not the memo's 2025-12-19), the signer's title, and when and how it was signed.
        var signature = TestSupport.WorkbookCells.Read(package.Content)["Signature"];
        string ValueOf(string label) => signature.Single(r => r.Count > 1 && r[0] == label)[1];
        var dueSerial = (cycle.DueDate.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays;
        Assert.Equal(dueSerial, double.Parse(ValueOf("Due to OPM (close of business)"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Chief of Staff", ValueOf("Title"));
        Assert.Equal("Signed off electronically in the review system by Agency Head (head@agency.example.gov)", ValueOf("Signature"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} America/New_York \(UTC-0[45]:00\)$", ValueOf("Date"));
    }
}
