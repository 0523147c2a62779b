using System.Diagnostics;
using Durable;
using Durable.AzureStorage;
using Durable.Backend;
using Durable.Client;
using Durable.InMemory;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using TestSupport;

namespace Bench;

/// <summary>
/// Issue 3's benchmark: the engine on Azurite and in memory, in one run. The Azurite figures are printed against a
/// baseline measured in the same run on the same Azurite: a bare queue round trip (add, get, delete) per message,
/// the least storage work any queue-driven engine does for one activity.
/// </summary>
public static class DurableBenchmark
{
    private const string FanOut = "FanOut";
    private const string Sequence = "Sequence";
    private const string WaitOne = "WaitOne";
    private const string Echo = "Echo";

    private static readonly Microsoft.Extensions.Logging.ILoggerFactory Logs =
        Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));

    /// <summary>
    /// DURABLE_BENCH_ONLY=fanout,sequence,events,memory (any subset) runs only those parts (for profiling); unset runs all.
    /// </summary>
    private static readonly string[]? Only = Environment.GetEnvironmentVariable("DURABLE_BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Runs(string part) => Only is null || Only.Contains(part, StringComparer.OrdinalIgnoreCase);

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"Durable engine benchmark, {Environment.ProcessorCount} cores");

        // Azurite keeps its data on disk, as the product's local host does. With --inMemoryPersistence every queue message
        // is its own in-memory extent, and Azurite's queue GC (every 60 s) removes the deleted ones one by one from an
        // unindexed collection: quadratic in the messages of the last minute, it blocks the single-threaded emulator for
        // tens of seconds at a few hundred messages per second. AZURITE_INMEMORY=1 measures that configuration anyway.
        bool inMemoryAzurite = Environment.GetEnvironmentVariable("AZURITE_INMEMORY") == "1";
        output.WriteLine($"Azurite: {(inMemoryAzurite ? "--inMemoryPersistence" : "data on disk (--location)")}");
        await using (var azurite = await AzuriteProcess.StartAsync(onDisk: !inMemoryAzurite))
        {
            var baseline = await QueueRoundTripsPerSecondAsync(azurite.ConnectionString, 2_000);
            output.WriteLine($"baseline: Azurite queue round trips (add+get+delete, 16 callers): {baseline,8:0}/s");
            await RunScenariosAsync(output, "Azurite", baseline, () => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceOptions
            {
                ConnectionString = azurite.ConnectionString,
                TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..10],
                PartitionLeaseDuration = TimeSpan.FromSeconds(10),
                PartitionLeaseRenewInterval = TimeSpan.FromSeconds(2),
            }, Logs));
        }

        if (Runs("memory")) await RunScenariosAsync(output, "in memory", null, () => new InMemoryOrchestrationService());
    }

    private static async Task RunScenariosAsync(TextWriter output, string backend, double? baseline, Func<IOrchestrationService> create)
    {
        string Ratio(double perSecond) => baseline is { } b ? $"  ({perSecond / b:0.00}x baseline)" : "";

        var service = create();
        await service.CreateIfNotExistsAsync();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>(Echo, (_, i) => i)
            .AddOrchestratorFunc<int, long>(FanOut, async (ctx, n) =>
            {
                var tasks = new Task<int>[n];
                for (var i = 0; i < n; i++)
                {
                    tasks[i] = ctx.CallActivityAsync<int>(Echo, i);
                }
                return (await Task.WhenAll(tasks)).Sum(x => (long)x);
            })
            .AddOrchestratorFunc<int, int>(Sequence, async (ctx, n) =>
            {
                var total = 0;
                for (var i = 0; i < n; i++)
                {
                    total += await ctx.CallActivityAsync<int>(Echo, i);
                }
                return total;
            })
            .AddOrchestratorFunc<int, int>(WaitOne, async (ctx, _) => await ctx.WaitForExternalEvent<int>("go"));
        var options = new DurableTaskOptions();
        using var provider = new ServiceCollection().BuildServiceProvider();
        var worker = new DurableTaskWorker(service, registry, options, provider, null, Logs);
        var client = new DurableTaskClient(service, options);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            if (Runs("fanout"))
            {
                var fan1k = await TimeFanOutAsync(client, 1_000);
                output.WriteLine($"[{backend}] fan-out 1,000 activities:  {fan1k.TotalSeconds,6:0.00} s  {1_000 / fan1k.TotalSeconds,8:0} activities/s{Ratio(1_000 / fan1k.TotalSeconds)}");
                var fan10k = await TimeFanOutAsync(client, 10_000);
                output.WriteLine($"[{backend}] fan-out 10,000 activities: {fan10k.TotalSeconds,6:0.00} s  {10_000 / fan10k.TotalSeconds,8:0} activities/s{Ratio(10_000 / fan10k.TotalSeconds)}");
                output.WriteLine($"[{backend}] time(10,000) / time(1,000): {fan10k / fan1k:0.0}   (linear = 10)");
            }

            if (Runs("sequence"))
            {
                var watch = Stopwatch.StartNew();
                var ids = await StartManyAsync(client, Sequence, 1_000, 5);
                await WaitAllAsync(client, ids);
                var seq = watch.Elapsed;
                // Work items: 5 activity executions + 6 orchestrator episodes per orchestration.
                output.WriteLine($"[{backend}] 1,000 orchestrations x 5 sequential activities: {seq.TotalSeconds,6:0.00} s  {11_000 / seq.TotalSeconds,8:0} work items/s (5 activities + 6 episodes each){Ratio(11_000 / seq.TotalSeconds)}");
            }

            if (Runs("events"))
            {
                var ids = await StartManyAsync(client, WaitOne, 1_000, 0);
                foreach (var id in ids)
                {
                    await client.WaitForInstanceStartAsync(id);
                }
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                    async (id, ct) => await client.RaiseEventAsync(id, "go", 1, ct));
                await WaitAllAsync(client, ids);
                var events = watch.Elapsed;
                output.WriteLine($"[{backend}] 1,000 waiting instances, one external event each: {events.TotalSeconds,6:0.00} s  {1_000 / events.TotalSeconds,8:0} events/s{Ratio(1_000 / events.TotalSeconds)}");
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            if (service is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static async Task<TimeSpan> TimeFanOutAsync(DurableTaskClient client, int n)
    {
        var watch = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(FanOut, n);
        var result = await client.WaitForInstanceCompletionAsync(id);
        var elapsed = watch.Elapsed;
        var expected = (long)n * (n - 1) / 2;
        if (result.ReadOutputAs<long>() != expected)
        {
            throw new InvalidOperationException($"Fan-out of {n} returned {result.SerializedOutput}, expected {expected}: {result.FailureDetails}");
        }
        return elapsed;
    }

    private static async Task<List<string>> StartManyAsync(DurableTaskClient client, string name, int count, int input)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(name, input));
        return [.. ids];
    }

    // Waits with 16 concurrent pollers: one poller reading 1,000 statuses one after another spent seconds on its own
    // reads (about 3.6 ms each on Azurite), which the figure then charged to the engine.
    private static async Task WaitAllAsync(DurableTaskClient client, IEnumerable<string> ids) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, ct);
            if (done.RuntimeStatus != Durable.History.OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"Instance {id} ended {done.RuntimeStatus}: {done.FailureDetails}");
            }
        });

    private static async Task<double> QueueRoundTripsPerSecondAsync(string connectionString, int messages)
    {
        var queue = CloudStorageAccount.Parse(connectionString).CreateCloudQueueClient().GetQueueReference("baseline");
        await queue.CreateIfNotExistsAsync();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await queue.AddMessageAsync(new CloudQueueMessage(new string('x', 200))));
        var received = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (_, _) =>
        {
            while (Volatile.Read(ref received) < messages)
            {
                var batch = (await queue.GetMessagesAsync(32)).ToList();
                await Task.WhenAll(batch.Select(m => queue.DeleteMessageAsync(m)));
                Interlocked.Add(ref received, batch.Count);
            }
        });
        return messages / watch.Elapsed.TotalSeconds;
    }
}
