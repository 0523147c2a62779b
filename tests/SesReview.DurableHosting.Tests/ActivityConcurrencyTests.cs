using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TestSupport;

namespace SesReview.DurableHosting.Tests;

/// <summary>
/// <c>maxConcurrentActivityFunctions</c> bounds how many activities one worker runs at once. The activities hold on a gate
/// the test opens, so "at once" is observed, not inferred from timing.
/// </summary>
public sealed class ActivityConcurrencyTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private const int Activities = 6;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_runs_at_most_the_configured_number_of_activities_at_once_and_the_rest_wait_in_the_queue()
    {
        var gate = new Gate();
        string hub = Engine.NewHubName();
        await using var engine = await StartAsync(hub, limit: 2, gate);
        var workItems = new QueueClient(fixture.Azurite.ConnectionString, hub.ToLowerInvariant() + "-workitems");
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", Activities);

        // Two activities hold the gate and the other four are still visible in the work-item queue: nobody took them.
        await Poll.UntilAsync(async () => gate.InFlight == 2 && (await workItems.PeekMessagesAsync(32)).Value.Length == Activities - 2 ? "held" : null,
            Bound, async () => $"{gate.InFlight} in flight, {(await workItems.PeekMessagesAsync(32)).Value.Length} waiting in the queue");

        gate.Open();
        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Activities, done.ReadOutputAs<int>());
        Assert.Equal(2, gate.MostAtOnce);
    }

    [Fact]
    public async Task With_a_higher_limit_the_same_activities_all_run_at_once()
    {
        // The counterpart of the test above: the fan-out itself does not serialise the activities, the limit does.
        var gate = new Gate();
        await using var engine = await StartAsync(Engine.NewHubName(), limit: 10, gate);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", Activities);

        await Poll.UntilAsync(() => Task.FromResult<string?>(gate.InFlight == Activities ? "all" : null), Bound, () => Task.FromResult($"{gate.InFlight} in flight"));

        gate.Open();
        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Activities, gate.MostAtOnce);
    }

    private Task<Engine> StartAsync(string hub, int limit, Gate gate) => Engine.StartAsync(fixture.Azurite, hub,
        r => r
            .AddActivityFunc<int, int>("Held", async (_, _) => await gate.PassAsync())
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Held", i)))).Length),
        new Dictionary<string, string?> { ["extensions:durableTask:maxConcurrentActivityFunctions"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Counts the activities inside it and lets none out until <see cref="Open"/>.</summary>
    private sealed class Gate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _most;

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MostAtOnce => Volatile.Read(ref _most);

        public void Open() => _open.TrySetResult();

        public async Task<int> PassAsync()
        {
            int now = Interlocked.Increment(ref _inFlight);
            for (int most = MostAtOnce; now > most; most = MostAtOnce)
                if (Interlocked.CompareExchange(ref _most, now, most) == most) break;
            try
            {
                await _open.Task;
                return now;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
