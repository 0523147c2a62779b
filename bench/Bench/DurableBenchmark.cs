using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SesReview.DurableHosting;
using TestSupport;

namespace Bench;

/// <summary>
/// The engine (DTFx on its Azure Storage backend, through the product's glue) on Azurite, kept as a record of what the
/// engine costs here. Printed against a baseline measured in the same run on the same Azurite: a bare queue round trip
/// (add, get, delete) per message, the least storage work any queue-driven engine does for one activity.
/// DTFx takes one work-item message per fetch and Azurite scans a deep queue, so the product never fans out thousands
/// of activities: the last line shows the same 1,000 items assessed the product's way, in slices of 250.
/// </summary>
public static class DurableBenchmark
{
    private const string FanOut = "FanOut";
    private const string SlicedFanOut = "SlicedFanOut";
    private const string Sequence = "Sequence";
    private const string WaitOne = "WaitOne";
    private const string Echo = "Echo";
    private const string EchoSlice = "EchoSlice";

    /// <summary>DURABLE_BENCH_ONLY=fanout,sequence,events,sliced (any subset) runs only those parts; unset runs all.</summary>
    private static readonly string[]? Only = Environment.GetEnvironmentVariable("DURABLE_BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Runs(string part) => Only is null || Only.Contains(part, StringComparer.OrdinalIgnoreCase);

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"Durable engine benchmark (DTFx Azure Storage backend on Azurite, data on disk), {Environment.ProcessorCount} cores");
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: true);
        var baseline = await QueueRoundTripsPerSecondAsync(azurite.ConnectionString, 2_000);
        output.WriteLine($"baseline: Azurite queue round trips (add+get+delete, 16 callers): {baseline,8:0}/s");
        string Ratio(double perSecond) => $"  ({perSecond / baseline:0.00}x baseline)";

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "bench" + Guid.NewGuid().ToString("N")[..10],
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddDurableTaskOnAzureStorage(configuration, Register)
            .BuildServiceProvider();
        var worker = services.GetServices<IHostedService>().Single();
        var client = services.GetRequiredService<DurableTaskClient>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            if (Runs("fanout"))
            {
                var fan = await TimeAsync(client, FanOut, 1_000, 1_000L * 999 / 2);
                output.WriteLine($"fan-out 1,000 activities:                {fan.TotalSeconds,7:0.00} s  {1_000 / fan.TotalSeconds,8:0} activities/s{Ratio(1_000 / fan.TotalSeconds)}");
            }
            if (Runs("sliced"))
            {
                var sliced = await TimeAsync(client, SlicedFanOut, 1_000, 1_000L * 999 / 2);
                output.WriteLine($"the same 1,000 items in 4 slices of 250:  {sliced.TotalSeconds,7:0.00} s  {1_000 / sliced.TotalSeconds,8:0} items/s     (how the product assesses positions)");
            }
            if (Runs("sequence"))
            {
                const int count = 200;
                var watch = Stopwatch.StartNew();
                var ids = await StartManyAsync(client, Sequence, count, 5);
                await WaitAllAsync(client, ids);
                var seq = watch.Elapsed;
                // Work items: 5 activity executions + 6 orchestrator episodes per orchestration.
                output.WriteLine($"{count} orchestrations x 5 sequential activities: {seq.TotalSeconds,7:0.00} s  {count * 11 / seq.TotalSeconds,8:0} work items/s (5 activities + 6 episodes each){Ratio(count * 11 / seq.TotalSeconds)}");
            }
            if (Runs("events"))
            {
                const int count = 200;
                var ids = await StartManyAsync(client, WaitOne, count, 0);
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) => await client.WaitForInstanceStartAsync(id, ct));
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) => await client.RaiseEventAsync(id, "go", 1, ct));
                await WaitAllAsync(client, ids);
                var events = watch.Elapsed;
                output.WriteLine($"{count} waiting instances, one external event each: {events.TotalSeconds,7:0.00} s  {count / events.TotalSeconds,8:0} events/s{Ratio(count / events.TotalSeconds)}");
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>(Echo, (_, i) => i)
        .AddActivityFunc<int[], long>(EchoSlice, (_, items) => items.Sum(i => (long)i))
        .AddOrchestratorFunc<int, long>(FanOut, async (ctx, n) =>
        {
            var tasks = new Task<int>[n];
            for (var i = 0; i < n; i++) tasks[i] = ctx.CallActivityAsync<int>(Echo, i);
            return (await Task.WhenAll(tasks)).Sum(x => (long)x);
        })
        .AddOrchestratorFunc<int, long>(SlicedFanOut, async (ctx, n) =>
        {
            var slices = Enumerable.Range(0, n).Chunk(250).Select(slice => ctx.CallActivityAsync<long>(EchoSlice, slice));
            return (await Task.WhenAll(slices)).Sum();
        })
        .AddOrchestratorFunc<int, int>(Sequence, async (ctx, n) =>
        {
            var total = 0;
            for (var i = 0; i < n; i++) total += await ctx.CallActivityAsync<int>(Echo, i);
            return total;
        })
        .AddOrchestratorFunc<int, int>(WaitOne, async (ctx, _) => await ctx.WaitForExternalEvent<int>("go"));

    private static async Task<TimeSpan> TimeAsync(DurableTaskClient client, string orchestrator, int n, long expected)
    {
        var watch = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, n);
        var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var elapsed = watch.Elapsed;
        if (result.ReadOutputAs<long>() != expected)
            throw new InvalidOperationException($"{orchestrator} of {n} returned {result.SerializedOutput}, expected {expected}: {result.FailureDetails}");
        return elapsed;
    }

    private static async Task<List<string>> StartManyAsync(DurableTaskClient client, string name, int count, int input)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(name, input));
        return [.. ids];
    }

    // 16 concurrent pollers: one poller reading statuses one after another charges its own reads to the engine.
    private static async Task WaitAllAsync(DurableTaskClient client, IEnumerable<string> ids) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, ct);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                throw new InvalidOperationException($"Instance {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        });

    private static async Task<double> QueueRoundTripsPerSecondAsync(string connectionString, int messages)
    {
        var queue = new QueueClient(connectionString, "baseline");
        await queue.CreateIfNotExistsAsync();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => await queue.SendMessageAsync(new string('x', 200), ct));
        var received = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (_, ct) =>
        {
            while (Volatile.Read(ref received) < messages)
            {
                var batch = (await queue.ReceiveMessagesAsync(32, cancellationToken: ct)).Value;
                await Task.WhenAll(batch.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct)));
                Interlocked.Add(ref received, batch.Length);
            }
        });
        return messages / watch.Elapsed.TotalSeconds;
    }
}
