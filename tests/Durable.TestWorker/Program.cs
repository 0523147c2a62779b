using System.Globalization;
using Durable;
using Durable.AzureStorage;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

// Usage: Durable.TestWorker <connection string> <task hub> <side-effect dir> [partition count]
// Runs a DurableTaskWorker on the Azure Storage backend until SIGTERM/SIGINT (or SIGKILL, which is the point).
// Side effects go to <side-effect dir>/<kind>-<pid>.log, one line per effect, each written with a single
// open-append-close so a line is on disk (in the page cache) before the activity returns and survives SIGKILL.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Durable.TestWorker <connection string> <task hub> <side-effect dir> [partition count]");
    return 2;
}

string connectionString = args[0];
string hub = args[1];
string dir = args[2];
int partitions = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
Directory.CreateDirectory(dir);
var effects = new SideEffects(dir, Environment.ProcessId);

var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceOptions
{
    ConnectionString = connectionString,
    TaskHubName = hub,
    PartitionCount = partitions,
    PartitionLeaseDuration = TimeSpan.FromSeconds(4),
    PartitionLeaseRenewInterval = TimeSpan.FromMilliseconds(500),
    AbandonedMessageVisibilityDelay = TimeSpan.Zero,
    PollBackoffMax = TimeSpan.FromMilliseconds(100),
    MessageVisibilityTimeout = TimeSpan.FromSeconds(15), // a killed worker's messages come back quickly
});
var options = new DurableTaskOptions
{
    HubName = hub,
    PartitionCount = partitions,
    MaxConcurrentOrchestrations = 4,
    MaxConcurrentActivities = 8,
    WorkItemLockTimeout = TimeSpan.FromSeconds(15),
    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
};

var registry = new DurableTaskRegistry()
    // Fans out 500 Record activities (input i, returns i) and sums the results: 0 + … + 499 = 124750.
    .AddOrchestratorFunc<int>("FanOut500", async ctx =>
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => ctx.CallActivityAsync<int>("Record", i)));
        return results.Sum();
    })
    .AddActivityFunc<int, int>("Record", async (ctx, i) =>
    {
        await Task.Delay(20, ctx.CancellationToken);
        effects.Append("record", $"{ctx.InstanceId}:{ctx.TaskId}:{Environment.ProcessId}");
        return i;
    })
    // A few sequential steps; every run of the orchestrator code between two awaits (a "segment" of an episode) is
    // recorded as (pid, instance, start ticks, end ticks), and so is every Step execution, so that the test can check
    // that no instance ran on two processes at the same time.
    .AddOrchestratorFunc<int, int>("Sequence", async (ctx, steps) =>
    {
        int total = 0;
        for (int i = 0; i < steps; i++)
        {
            effects.Segment(ctx.InstanceId, () => Thread.Sleep(10)); // widen the window an overlap would show in
            total += await ctx.CallActivityAsync<int>("Step", i);
        }
        effects.Segment(ctx.InstanceId, () => Thread.Sleep(10));
        return total;
    })
    .AddActivityFunc<int, int>("Step", async (ctx, i) =>
    {
        long start = DateTime.UtcNow.Ticks;
        await Task.Delay(30, ctx.CancellationToken);
        effects.Append("step", $"{Environment.ProcessId}:{ctx.InstanceId}:{start}:{DateTime.UtcNow.Ticks}");
        return i;
    });

await service.CreateIfNotExistsAsync();
await using var provider = new ServiceCollection().AddLogging().BuildServiceProvider();
var worker = new DurableTaskWorker(service, registry, options, provider);
await worker.StartAsync(CancellationToken.None);
Console.WriteLine($"READY {Environment.ProcessId}");

var stop = new TaskCompletionSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
await worker.StopAsync(CancellationToken.None);
return 0;

internal sealed class SideEffects(string dir, int pid)
{
    private readonly Lock _lock = new();

    public void Append(string kind, string line)
    {
        lock (_lock) File.AppendAllText(Path.Combine(dir, $"{kind}-{pid}.log"), line + "\n");
    }

    public void Segment(string instanceId, Action body)
    {
        long start = DateTime.UtcNow.Ticks;
        body();
        Append("orchestrator", $"{pid}:{instanceId}:{start}:{DateTime.UtcNow.Ticks}");
    }
}
