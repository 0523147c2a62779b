using System.Diagnostics;
using System.Text;
using Durable.AzureStorage;
using Durable.Client;
using Durable.History;
using Durable.Options;
using Xunit.Abstractions;

namespace Durable.Tests.AzureStorage;

/// <summary>
/// Real worker processes (tests/Durable.TestWorker) on one Azurite task hub: a worker killed with SIGKILL mid fan-out,
/// and two workers sharing a hub. The test process only schedules and inspects (client + history).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerProcessTests(AzuriteFixture azurite, ITestOutputHelper log) : IDisposable
{
    private const int Partitions = 4;
    private readonly List<WorkerProcess> _workers = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("durable-worker-").FullName;
    private readonly string _hub = AzuriteFixture.NewTaskHubName("w");

    [Fact]
    public async Task Worker_killed_mid_fan_out_is_recovered_by_a_new_process_and_every_result_is_recorded_once()
    {
        var (service, client) = await ConnectAsync();
        var first = StartWorker();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut500", instanceId: "fanout-1");

        // Some but not all activities have run their side effect.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (Records(id).Select(r => r.TaskId).Distinct().Count() < 50)
        {
            Assert.False(first.HasExited, $"worker exited early:{Environment.NewLine}{first.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"fewer than 50 side effects after 90 s:{Environment.NewLine}{first.Output}");
            await Task.Delay(20);
        }

        first.Kill();
        int doneAtKill = Records(id).Select(r => r.TaskId).Distinct().Count();
        Assert.InRange(doneAtKill, 50, 499);
        log.WriteLine($"killed pid {first.Id} after {doneAtKill} side effects");

        var second = StartWorker();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        OrchestrationMetadata result;
        try
        {
            result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"not finished in 3 min ({Records(id).Select(r => r.TaskId).Distinct().Count()} side effects):{Environment.NewLine}{second.Output}");
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 500).Sum(), result.ReadOutputAs<int>());

        var records = Records(id);
        log.WriteLine($"{records.Count} side effects for 500 tasks ({records.Count - 500} re-runs); second pid {second.Id}");
        Assert.Equal(Enumerable.Range(0, 500), records.Select(r => r.TaskId).Distinct().Order());
        Assert.Contains(records, r => r.Pid == first.Id);
        Assert.Contains(records, r => r.Pid == second.Id);

        var history = await service.GetHistoryAsync(id);
        var completions = history.OfType<TaskCompleted>().GroupBy(e => e.TaskScheduledId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 500), completions.Keys.Order());
        Assert.All(completions, c => Assert.Equal(1, c.Value));
        Assert.Empty(history.OfType<TaskFailed>());
    }

    [Fact]
    public async Task Two_worker_processes_share_a_hub_without_running_one_instance_in_both_at_once()
    {
        var (_, client) = await ConnectAsync();
        // A runs alone first; B joins mid-run, so A hands partitions over while their instances are in flight and
        // those instances continue on B: the handover is where two processes could run one instance at once.
        var a = StartWorker();
        await a.WaitReadyAsync();

        const int Steps = 8;
        var ids = new List<string>();
        for (int i = 0; i < 20; i++)
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("Sequence", Steps, instanceId: $"seq-{i:D2}"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (Intervals("step").Count < 20)
        {
            Assert.False(a.HasExited, $"worker exited early:{Environment.NewLine}{a.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"fewer than 20 steps after 90 s:{Environment.NewLine}{a.Output}");
            await Task.Delay(20);
        }

        var b = StartWorker();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var id in ids)
        {
            var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal(Enumerable.Range(0, Steps).Sum(), result.ReadOutputAs<int>());
        }

        var segments = Intervals("orchestrator");
        var steps = Intervals("step");
        var pids = segments.Concat(steps).Select(s => s.Pid).ToHashSet();
        log.WriteLine($"pid {a.Id}: {segments.Count(s => s.Pid == a.Id)} orchestrator segments, {steps.Count(s => s.Pid == a.Id)} steps; " +
                      $"pid {b.Id}: {segments.Count(s => s.Pid == b.Id)} orchestrator segments, {steps.Count(s => s.Pid == b.Id)} steps; " +
                      $"instances on both: {segments.GroupBy(s => s.InstanceId).Count(g => g.Select(s => s.Pid).Distinct().Count() > 1)}");
        Assert.Contains(a.Id, pids);
        Assert.Contains(b.Id, pids);
        Assert.Equal(ids.Order(), segments.Select(s => s.InstanceId).Distinct().Order());

        // Not vacuous: some instances moved from A to B in the handover.
        Assert.Contains(segments.GroupBy(s => s.InstanceId), g => g.Select(s => s.Pid).Distinct().Count() > 1);

        var overlaps = (
            from x in segments
            from y in segments
            where x.InstanceId == y.InstanceId && x.Pid < y.Pid && x.Start < y.End && y.Start < x.End
            select $"{x.InstanceId}: pid {x.Pid} [{x.Start}, {x.End}] overlaps pid {y.Pid} [{y.Start}, {y.End}]").ToList();
        Assert.Empty(overlaps);
    }

    private async Task<(AzureStorageOrchestrationService Service, DurableTaskClient Client)> ConnectAsync()
    {
        var options = azurite.NewOptions(_hub);
        options.PartitionCount = Partitions;
        var service = new AzureStorageOrchestrationService(options);
        await service.CreateIfNotExistsAsync();
        var client = new DurableTaskClient(service, new DurableTaskOptions
        {
            HubName = _hub,
            PartitionCount = Partitions,
            ClientMaxPollingInterval = TimeSpan.FromMilliseconds(200),
        });
        return (service, client);
    }

    private WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start(azurite.ConnectionString, _hub, _dir, Partitions);
        _workers.Add(worker);
        return worker;
    }

    private sealed record Record(string InstanceId, int TaskId, int Pid);

    private sealed record Interval(int Pid, string InstanceId, long Start, long End);

    /// <summary>Side effects of Record for <paramref name="instanceId"/>; a line torn by SIGKILL is skipped.</summary>
    private List<Record> Records(string instanceId) =>
        Lines("record")
            .Select(l => l.Split(':'))
            .Where(p => p.Length == 3 && p[0] == instanceId && int.TryParse(p[1], out _) && int.TryParse(p[2], out _))
            .Select(p => new Record(p[0], int.Parse(p[1]), int.Parse(p[2])))
            .ToList();

    private List<Interval> Intervals(string kind) =>
        Lines(kind)
            .Select(l => l.Split(':'))
            .Where(p => p.Length == 4 && int.TryParse(p[0], out _) && long.TryParse(p[2], out _) && long.TryParse(p[3], out _))
            .Select(p => new Interval(int.Parse(p[0]), p[1], long.Parse(p[2]), long.Parse(p[3])))
            .ToList();

    private IEnumerable<string> Lines(string kind) =>
        Directory.GetFiles(_dir, $"{kind}-*.log").SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }).ToList();

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Kill();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>`dotnet Durable.TestWorker.dll …`, found next to this assembly's output (same configuration and framework).</summary>
    private sealed class WorkerProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WorkerProcess(Process process) => _process = process;

        public int Id => _process.Id;
        public bool HasExited => _process.HasExited;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public static WorkerProcess Start(string connectionString, string hub, string dir, int partitions)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { WorkerDll(), connectionString, hub, dir, partitions.ToString() })
                info.ArgumentList.Add(arg);
            var process = new Process { StartInfo = info };
            var worker = new WorkerProcess(process);
            process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }

        private void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.StartsWith("READY", StringComparison.Ordinal)) _ready.TrySetResult();
        }

        public async Task WaitReadyAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!_ready.Task.IsCompleted)
            {
                Assert.False(_process.HasExited, $"worker exited:{Environment.NewLine}{Output}");
                Assert.True(DateTime.UtcNow < deadline, $"worker not ready after 60 s:{Environment.NewLine}{Output}");
                await Task.WhenAny(_ready.Task, Task.Delay(100));
            }
        }

        /// <summary>SIGKILL to the process tree (Process.Kill on Linux), then wait for it to be gone.</summary>
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

        private static string WorkerDll()
        {
            // …/tests/Durable.Tests/bin/<Configuration>/<tfm>/ → …/tests/Durable.TestWorker/bin/<Configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = output.Name, configuration = output.Parent!.Name;
            var tests = output.Parent.Parent!.Parent!.Parent!;
            string dll = Path.Combine(tests.FullName, "Durable.TestWorker", "bin", configuration, tfm, "Durable.TestWorker.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("Build tests/Durable.TestWorker first (the test project references it).", dll);
            return dll;
        }
    }
}
