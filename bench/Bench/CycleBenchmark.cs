using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.DurableHosting;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Hosting;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Storage;
using TestSupport;

namespace Bench;

/// <summary>
/// The designation review at the scale of the whole government (12,000 positions in one cycle) on DTFx + Azurite, wired
/// as the host wires it (the repository's host.json): upload, then start → every approver's task sent (assessment in slices
/// of up to 250 positions across components, all at once; assessments stored in tables; tasks planned; each task's
/// sub-orchestration sends its first message to the outbox). Baseline, same run: assessing the same inventory in
/// process, with no storage and no engine.
/// </summary>
public static class CycleBenchmark
{
    public static async Task RunAsync(TextWriter output, int positions = 12_000)
    {
        output.WriteLine($"Designation cycle benchmark, {positions:N0} positions, {Environment.ProcessorCount} cores, Azurite data on disk");
        var inventory = InventoryGenerator.Generate(positions, seed: 2025);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var watch = Stopwatch.StartNew();
        var assessments = new DesignationAssessor().Assess(inventory, today);
        var baseline = watch.Elapsed;
        output.WriteLine($"baseline: assess in process (no storage, no engine)   {baseline.TotalMilliseconds,8:0} ms   {assessments.Count,6} ES positions");

        await using var azurite = await AzuriteProcess.StartAsync(onDisk: true);
        // The repository's host.json (extensions:durableTask) as the host reads it; environment variables override it.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Path, "host.json"), optional: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Approvals:SigningKey"] = "benchmark-signing-key-0123456789abcdef",
            ["extensions:durableTask:hubName"] = "cyclebench" + Guid.NewGuid().ToString("N")[..8],
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSesReviewWorkflows(configuration)
            .AddDurableTaskOnAzureStorage(configuration, WorkflowServiceCollectionExtensions.RegisterWorkflows, WorkflowJson.DurablePayloads)
            .BuildServiceProvider();
        var worker = services.GetServices<IHostedService>().Single();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            using var workbook = new MemoryStream();
            InventoryWorkbookWriter.Write(inventory, workbook);
            workbook.Position = 0;
            watch.Restart();
            var upload = await services.GetRequiredService<IInventoryUploads>().UploadAsync(new InventoryUploadRequest("inventory.xlsx", workbook), "bench");
            output.WriteLine($"upload: validate and store the workbook               {watch.Elapsed.TotalMilliseconds,8:0} ms   {workbook.Length / 1024:N0} KB");
            if (!upload.Succeeded) throw new InvalidOperationException(string.Join("\n", upload.Errors));

            var cycles = services.GetRequiredService<ICycleService>();
            var options = services.GetRequiredService<SesReview.Workflows.WorkflowOptions>();
            var client = services.GetRequiredService<DurableTaskClient>();
            watch.Restart();
            var cycle = await cycles.StartAsync(new StartCycleRequest
            {
                Kind = CycleKinds.Designation, Agency = upload.Upload!.Agencies.Single(), MemoDate = today, Deadline = today.AddDays(45),
                InventoryUploadId = upload.Upload.UploadId, Chco = new Person("Bench Chco", "chco@agency.example.gov"),
                Approvers = [.. upload.Upload.Components.Select((c, i) => new ApproverAssignment(c, new Person($"Approver {i}", $"approver{i}@agency.example.gov")))],
            }, "bench", RequestOrigin.Api("127.0.0.1"));

            CycleStatus? status = null;
            while (watch.Elapsed < TimeSpan.FromMinutes(20))
            {
                var instance = await client.GetInstanceAsync(cycle.CycleId);
                if (instance is { IsCompleted: true }) throw new InvalidOperationException($"The cycle ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
                status = instance?.ReadCustomStatusAs<CycleStatus>();
                if (status is { Phase: CyclePhase.AwaitingDecisions }) break;
                await Task.Delay(100);
            }
            if (status?.Phase != CyclePhase.AwaitingDecisions) throw new TimeoutException("The cycle did not reach its approvers within 20 minutes.");
            var assessedAndPlanned = watch.Elapsed;
            // The phase is set as the tasks start; the clock stops when every task's first message is in the outbox.
            var outbox = services.GetRequiredService<SesReview.Notifications.Outbox.IOutboxReader>();
            var taskIds = (await cycles.GetAsync(cycle.CycleId))!.Tasks.Select(t => $"task/{t.TaskId}/r1/initial").ToHashSet();
            while ((await outbox.ListAsync(cycle.CycleId, 10_000)).Count(m => taskIds.Contains(m.MessageKey)) < taskIds.Count)
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException("Not every task was sent within 20 minutes.");
                await Task.Delay(100);
            }
            var elapsed = watch.Elapsed;
            var stored = await cycles.GetPositionsAsync(cycle.CycleId);
            if (stored.Count != assessments.Count || status.Assessed != assessments.Count)
                throw new InvalidOperationException($"Assessed {status.Assessed}, stored {stored.Count}, expected {assessments.Count}.");
            var details = await cycles.GetAsync(cycle.CycleId);
            output.WriteLine($"cycle: start → every approver's task sent             {elapsed.TotalMilliseconds,8:0} ms   {assessments.Count / elapsed.TotalSeconds,6:0} positions/s  ({elapsed / baseline:0}x baseline)");
            output.WriteLine($"       of which start → assessed and tasks planned   {assessedAndPlanned.TotalMilliseconds,8:0} ms");
            int slices = (assessments.Count + options.AssessmentBatchSize - 1) / options.AssessmentBatchSize;
            output.WriteLine($"       {upload.Upload.Components.Count} components in {slices} slices of up to {options.AssessmentBatchSize}, {status.Identified} identified, {status.AwaitingDecision} to decide in {details!.Tasks.Count} tasks (one sub-orchestration each), {stored.Count} assessments stored");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }
}
