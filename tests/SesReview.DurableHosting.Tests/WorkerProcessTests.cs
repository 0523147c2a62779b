using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using Xunit.Abstractions;

namespace SesReview.DurableHosting.Tests;

/// <summary>
/// Real worker processes (tests/SesReview.DurableHosting.TestWorker) on one Azurite task hub with the product's default
/// settings: a worker killed with SIGKILL in the middle of a fan-out, and two workers sharing a hub.
/// </summary>
public sealed class WorkerProcessTests(AzuriteFixture fixture, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly List<WorkerProcess> _workers = [];
    private ServiceProvider? _clientServices;

    [Fact]
    public async Task Work_resumes_within_a_minute_after_the_worker_is_killed_mid_fan_out()
    {
        const int Count = 200;
        string hub = Engine.NewHubName();
        var client = Client(hub);
        var runs = Runs(hub);
        var first = await StartWorkerAsync(hub);
        string id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut", Count);

        await Poll.UntilAsync(async () => await CountAsync(runs, id) >= 20 ? "some" : null, TimeSpan.FromSeconds(60),
            async () => $"{await CountAsync(runs, id)} activities ran; worker output:{Environment.NewLine}{first.Output}");
        first.Kill();
        var atKill = await ExecutionsAsync(runs, id);
        Assert.True(atKill.Select(e => e.Index).Distinct().Count() < Count, "every activity had already run when the worker was killed");

        var restart = Stopwatch.StartNew();
        var second = await StartWorkerAsync(hub);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, bound.Token);
        TimeSpan completed = restart.Elapsed;

        var all = await ExecutionsAsync(runs, id);
        var resumed = all.Where(e => e.Pid == second.Id).ToList();
        output.WriteLine(
            $"killed after {atKill.Count} of {Count} activity executions; after the restart: the new process ran {resumed.Count} " +
            $"(first {Since(restart, resumed.Min(e => e.At))} s after the restart), {all.Count - Count} ran twice; " +
            $"orchestration completed {completed.TotalSeconds:0.0} s after the restart.");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, Count).Sum(i => (long)i), done.ReadOutputAs<long>());
        Assert.Equal(Enumerable.Range(0, Count), all.Select(e => e.Index).Distinct().Order());
        Assert.True(completed < TimeSpan.FromSeconds(60), $"completed {completed.TotalSeconds:0.0} s after the restart");
    }

    [Fact]
    public async Task Two_workers_on_one_hub_share_the_work_and_every_orchestration_completes_once()
    {
        const int Orchestrations = 20, Activities = 10;
        string hub = Engine.NewHubName();
        var client = Client(hub);
        var runs = Runs(hub);
        var a = await StartWorkerAsync(hub);
        var b = await StartWorkerAsync(hub);
        var partitions = new TableClient(fixture.Azurite.ConnectionString, hub + "Partitions");
        await Poll.UntilAsync(async () => (await OwnersAsync(partitions)).Count == 2 ? "balanced" : null, TimeSpan.FromSeconds(60),
            async () => $"partition owners: {string.Join(", ", await OwnersAsync(partitions))}");

        var ids = new List<string>();
        for (int i = 0; i < Orchestrations; i++) ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("FanOut", Activities));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, bound.Token)));

        Assert.All(done, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
        Assert.All(done, m => Assert.Equal(Enumerable.Range(0, Activities).Sum(), m.ReadOutputAs<long>()));
        var executions = new List<Execution>();
        foreach (string id in ids) executions.AddRange(await ExecutionsAsync(runs, id));
        Assert.Equal(Orchestrations * Activities, executions.Count);
        Assert.Equal(Orchestrations * Activities, executions.Select(e => (e.InstanceId, e.Index)).Distinct().Count());
        var byProcess = executions.GroupBy(e => e.Pid).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"activities per process: {string.Join(", ", byProcess.Select(p => $"{p.Key}: {p.Value}"))}; " +
            $"partitions: {string.Join(", ", await OwnersAsync(partitions))}");
        Assert.Equal([a.Id, b.Id], byProcess.Keys.Order());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers) worker.Kill();
        if (_clientServices is not null) await _clientServices.DisposeAsync();
    }

    private DurableTaskClient Client(string hub)
    {
        _clientServices = new ServiceCollection().AddDurableTaskClientOnAzureStorage(Engine.Configuration(fixture.Azurite, hub)).BuildServiceProvider();
        return _clientServices.GetRequiredService<DurableTaskClient>();
    }

    private TableClient Runs(string hub) => new(fixture.Azurite.ConnectionString, hub + "runs");

    private async Task<WorkerProcess> StartWorkerAsync(string hub)
    {
        var worker = WorkerProcess.Start(fixture.Azurite.ConnectionString, hub);
        _workers.Add(worker);
        await worker.WaitReadyAsync();
        return worker;
    }

    private static string Since(Stopwatch restart, DateTimeOffset? at) =>
        at is { } t ? (t - (DateTimeOffset.UtcNow - restart.Elapsed)).TotalSeconds.ToString("0.0") : "-";

    private sealed record Execution(string InstanceId, int Index, int Pid, DateTimeOffset? At);

    private static async Task<List<Execution>> ExecutionsAsync(TableClient runs, string instanceId)
    {
        var list = new List<Execution>();
        await foreach (var e in runs.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
            list.Add(new Execution(instanceId, e.GetInt32("Index")!.Value, e.GetInt32("Pid")!.Value, e.Timestamp));
        return list;
    }

    private static async Task<int> CountAsync(TableClient runs, string instanceId) => (await ExecutionsAsync(runs, instanceId)).Count;

    /// <summary>Distinct current owners in DTFx's partition table (table partition management).</summary>
    private static async Task<List<string>> OwnersAsync(TableClient partitions)
    {
        var owners = new HashSet<string>();
        try
        {
            await foreach (var e in partitions.QueryAsync<TableEntity>())
                if (e.GetString("CurrentOwner") is { Length: > 0 } owner) owners.Add(owner);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // not created yet
        }

        return owners.Order().ToList();
    }

    /// <summary>`dotnet SesReview.DurableHosting.TestWorker.dll …` from the sibling project's output; killed by process id.</summary>
    private sealed class WorkerProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WorkerProcess(Process process) => _process = process;

        public int Id => _process.Id;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public static WorkerProcess Start(string connectionString, string hub)
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { WorkerDll(), connectionString, hub, "4" }) info.ArgumentList.Add(arg);
            var process = new Process { StartInfo = info };
            var worker = new WorkerProcess(process);
            process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }

        public async Task WaitReadyAsync()
        {
            await Poll.UntilAsync(() => Task.FromResult(_ready.Task.IsCompleted ? "ready" : _process.HasExited ? throw new InvalidOperationException($"worker exited:{Environment.NewLine}{Output}") : null),
                TimeSpan.FromSeconds(60), () => Task.FromResult($"worker not ready:{Environment.NewLine}{Output}"));
        }

        /// <summary>SIGKILL to the process tree, by process id.</summary>
        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        private void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.StartsWith("READY", StringComparison.Ordinal)) _ready.TrySetResult();
        }

        private static string WorkerDll()
        {
            // …/tests/SesReview.DurableHosting.Tests/bin/<Configuration>/<tfm>/ → …/tests/SesReview.DurableHosting.TestWorker/bin/<Configuration>/<tfm>/
            var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = dir.Name, configuration = dir.Parent!.Name;
            var tests = dir.Parent.Parent!.Parent!.Parent!;
            string dll = Path.Combine(tests.FullName, "SesReview.DurableHosting.TestWorker", "bin", configuration, tfm, "SesReview.DurableHosting.TestWorker.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/SesReview.DurableHosting.TestWorker first (the test project references it).", dll);
        }
    }
}
