using Microsoft.Extensions.DependencyInjection;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Workflows.Tests;

/// <summary>What a CHCO meets on first use: defaults that start a cycle today, PLUM's limits said before the start, and proposals checked on the server.</summary>
public sealed class FirstUseStartTests
{
    private static readonly RequestOrigin Origin = RequestOrigin.Api("127.0.0.1");
    private static readonly string PlumSample = Path.Combine(AppContext.BaseDirectory, "TestData", "plum-excerpt.csv");

    [Fact]
    public async Task A_request_with_blank_dates_starts_a_cycle_memo_dated_today_and_due_by_the_rules()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(40, seed: 21));
        var defaults = harness.Services.GetRequiredService<CycleDefaults>();

        var designation = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), InventoryUploadId = upload.UploadId,
            Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        }, "chco", Origin);
        var allocation = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Allocation, Agency = upload.Agencies.Single(), InventoryUploadId = upload.UploadId,
            Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        }, "chco", Origin);

        var today = defaults.MemoDate();
        Assert.Equal(today, designation.MemoDate);
        Assert.InRange(designation.DueDate.DayNumber - today.DayNumber, 45, 49);   // 45 calendar days, moved off a closed day
        Assert.InRange(allocation.DueDate.DayNumber - today.DayNumber, 25, 29);    // the allocation memo's 25 days
        Assert.Equal(defaults.Deadline(CycleKind.DesignationReview, today), designation.DueDate);
    }

    [Fact]
    public async Task A_PLUM_export_cannot_start_an_allocation_cycle_and_its_upload_says_what_it_lacks()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        await using var file = File.OpenRead(PlumSample);
        var result = await harness.Uploads.UploadAsync(new InventoryUploadRequest("plum.csv", file, "CONSUMER PRODUCT SAFETY COMMISSION", new DateOnly(2020, 1, 1)), "chco");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var notes = result.Upload!.Notes!;
        Assert.Contains(notes, n => n.StartsWith("Incumbents without a start date are taken as serving since 2020-01-01", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("designation history", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<CycleRequestException>(() => harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Allocation, Agency = "CONSUMER PRODUCT SAFETY COMMISSION", InventoryUploadId = result.Upload.UploadId,
            Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        }, "chco", Origin));
        Assert.Contains(error.Errors, e => e.Field == "inventoryUploadId" && e.Message.Contains("no allocation counts", StringComparison.Ordinal));
        Assert.Empty(await harness.Cycles.ListAsync());
    }

    [Fact]
    public async Task A_proposal_that_leaves_out_lines_is_refused_naming_them_and_the_task_stays_open()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(150, seed: 11));
        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Allocation, Agency = upload.Agencies.Single(), InventoryUploadId = upload.UploadId,
            Chco = new Person("Casey Chco", "chco@agency.example.gov"),
            Approvers = [.. upload.Components.Select(c => new ApproverAssignment(c, new Person("Component Head", "component.head@agency.example.gov")))],
        }, "chco", Origin);
        var task = await harness.WaitForMessageAsync(cycle.CycleId, "task/proposal-01/r1/initial");
        var token = WorkflowHarness.TokenOf(task);
        var lines = (await harness.Approvals.OpenAsync(token)).View!.Allocations;
        Assert.True(lines.Count > 1);

        var none = await harness.Approvals.SubmitProposalsAsync(token, [], [], Origin);
        Assert.False(none.Recorded);
        Assert.Equal(lines.Count, none.Errors.Count(e => e.Field.StartsWith("adjustment[", StringComparison.Ordinal)));
        var first = lines[0];
        var partial = await harness.Approvals.SubmitProposalsAsync(token, [new ProposalInput(first.Component, first.PayPlan, 0, "Workforce plan", null)], [], Origin);
        Assert.False(partial.Recorded);
        Assert.Contains(partial.Errors, e => e.Field == $"adjustment[{lines[1].Component}|{lines[1].PayPlan}]");
        Assert.DoesNotContain(partial.Errors, e => e.Field == $"adjustment[{first.Component}|{first.PayPlan}]");

        var stored = (await harness.Store.ListTasksAsync(cycle.CycleId)).Single(t => t.TaskId == "proposal-01");
        Assert.Equal(TaskState.Open, stored.State);
        Assert.Empty((await harness.Store.ListProposalsAsync(cycle.CycleId)).Proposals);
    }
}
