using SesReview.Workflows.Orchestrations;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Workflows.Tests;

public sealed class StartCycleTests
{
    [Fact]
    public async Task An_inventory_with_errors_is_not_stored_and_a_cycle_cannot_start_from_it()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var bad = new MemoryStream("this is not a workbook"u8.ToArray());
        var result = await harness.Uploads.UploadAsync(new InventoryUploadRequest("inventory.xlsx", bad), "chco@agency.example.gov");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == "inventory.xlsx");

        var error = await Assert.ThrowsAsync<CycleRequestException>(() => harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = "X", InventoryUploadId = "no-such-upload", Chco = new Person("C", "c@x.gov"),
        }, "chco", RequestOrigin.Api("127.0.0.1")));
        Assert.Contains(error.Errors, e => e.Field == "inventoryUploadId");
        Assert.Empty(await harness.Cycles.ListAsync());
    }

    [Fact]
    public async Task Every_bad_field_of_a_start_request_is_named_at_once()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(50, seed: 1));
        var error = await Assert.ThrowsAsync<CycleRequestException>(() => harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = "annual-review",
            Agency = "NO SUCH AGENCY",
            InventoryUploadId = upload.UploadId,
            Chco = new Person("", "not-an-email"),
            Approvers = [new ApproverAssignment("Nowhere", new Person("A", "a@agency.example.gov"))],
            Deadline = new DateOnly(2025, 3, 24),
            MemoDate = new DateOnly(2025, 2, 5),
        }, "chco", RequestOrigin.Api("127.0.0.1")));
        var fields = error.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "kind", "agency", "chco.name", "chco.email", "approvers[0].component", "deadline" }, fields);
        Assert.Empty(await harness.Cycles.ListAsync());
    }

    [Fact]
    public async Task A_cycle_id_that_was_used_before_is_refused_even_after_that_cycle_ended()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(50, seed: 2));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        StartCycleRequest Request() => new()
        {
            CycleId = "dept-x-2026", Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = today, Deadline = today.AddDays(45),
            InventoryUploadId = upload.UploadId, Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        };
        await harness.Cycles.StartAsync(Request(), "chco", RequestOrigin.Api("127.0.0.1"));
        Assert.Equal(CancelOutcome.Cancelled, await harness.Cycles.CancelAsync("dept-x-2026", "test", "chco", RequestOrigin.Api("127.0.0.1")));
        var error = await Assert.ThrowsAsync<CycleRequestException>(() => harness.Cycles.StartAsync(Request(), "chco", RequestOrigin.Api("127.0.0.1")));
        Assert.Contains(error.Errors, e => e.Field == "cycleId");
    }

    [Fact]
    public async Task A_start_that_stopped_after_saving_the_cycle_is_finished_by_starting_again_with_its_id()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(50, seed: 8));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new StartCycleRequest
        {
            CycleId = "half-started", Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = today, Deadline = today.AddDays(45),
            InventoryUploadId = upload.UploadId, Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        };
        // A crash between the two steps of a start: the cycle's record was saved, its orchestration never scheduled.
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var input = new CycleInput("half-started", CycleKind.DesignationReview, upload.Agencies.Single(), "Career reserved designation review",
            today, today.AddDays(45), startedAt.AddDays(45), upload.UploadId, request.Chco!, request.Chco!, [], today, null, startedAt, "chco",
            new ActivityRetry(2, TimeSpan.FromSeconds(1)));
        Assert.True(await harness.Store.TryAddCycleAsync(new CycleRecord(input)));
        Assert.Equal("NotScheduled", (await harness.Cycles.GetAsync("half-started"))!.Summary.RuntimeStatus);

        var resumed = await harness.Cycles.StartAsync(request, "chco", RequestOrigin.Api("127.0.0.1"));
        Assert.Equal(input.StartedAt, resumed.StartedAt); // the saved input, not a new one
        Assert.Equal(input.InventoryUploadId, resumed.InventoryUploadId);
        var running = await harness.Client.WaitForInstanceStartAsync("half-started", cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.False(running.IsCompleted);
    }
}
