using System.Text.Json;
using Microsoft.DurableTask.Client;
using SesReview.Domain.Samples;
using SesReview.Storage;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Tests;

/// <summary>
/// The engine retries a poison message for ever; the product must not. A step whose activity keeps failing fails the
/// cycle once its retry policy is used up, and the cycle's details say why in words.
/// </summary>
public sealed class FailingStepTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task An_activity_that_keeps_failing_fails_the_cycle_after_its_retries_and_the_cycle_says_why()
    {
        await using var harness = await WorkflowHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workflows:ActivityRetryAttempts"] = "3",
            ["Workflows:ActivityRetryFirstInterval"] = "00:00:00.200",
        });
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(60, seed: 4));
        // The same upload record over a stored file that no longer parses: loading the inventory fails on every attempt.
        var broken = upload with { UploadId = "broken-upload" };
        await harness.Storage.Table(TableNames.Uploads).UpsertAsync("upload", broken.UploadId, JsonSerializer.Serialize(broken, WorkflowJson.Options));
        await harness.Storage.Blobs(TableNames.UploadContainer).PutAsync($"{broken.UploadId}/inventory", [0x50, 0x4b, 0x03, 0x04, 0xff], "application/octet-stream");

        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = Today, Deadline = Today.AddDays(45),
            InventoryUploadId = broken.UploadId, Chco = new Person("Casey Chco", "chco@agency.example.gov"),
        }, "chco@agency.example.gov", RequestOrigin.Web("127.0.0.1"));

        var done = await harness.Client.WaitForInstanceCompletionAsync(cycle.CycleId, getInputsAndOutputs: true,
            cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);

        var details = (await harness.Cycles.GetAsync(cycle.CycleId))!;
        Assert.Equal("Failed", details.Summary.RuntimeStatus);
        Assert.Contains("LoadInventory", details.FailureMessage);
        Assert.Contains("no longer parses", details.FailureMessage);
        Assert.Contains("will not continue", details.Attention);
        Assert.Contains("no longer parses", details.Attention);
        Assert.Empty(await harness.Outbox.ListAsync(cycle.CycleId));
    }
}
