using System.Diagnostics;
using Durable.History;
using Durable.Tests.Conformance;
using Xunit.Abstractions;

namespace Durable.Tests.InMemory;

/// <summary>
/// Fan-out cost must grow about linearly: batching, bounded release and extended sessions keep it O(N). The ratio is
/// printed rather than asserted (wall-clock ratios of sub-second runs are noisy on a shared machine); typical: 2–5.
/// </summary>
public sealed class InMemoryFanOutScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fan_out_of_10000_activities_completes_within_seconds()
    {
        await RunFanOutAsync(200); // warm-up (JIT)
        var small = await RunFanOutAsync(2_500);
        var large = await RunFanOutAsync(10_000);
        output.WriteLine($"2,500 activities: {small.TotalMilliseconds:F0} ms; 10,000 activities: {large.TotalMilliseconds:F0} ms; ratio {large / small:F1} (quadratic would be ~16)");

        Assert.True(large < TimeSpan.FromSeconds(20), $"10,000 activities took {large}");
    }

    private static async Task<TimeSpan> RunFanOutAsync(int count)
    {
        var fixture = new InMemoryBackendFixture();
        var options = new Options.DurableTaskOptions
        {
            HubName = "Scale",
            MaxConcurrentOrchestrations = 2,
            MaxConcurrentActivities = 16,
            MaxActivitiesInFlightPerOrchestration = 200,
            ClientMaxPollingInterval = TimeSpan.FromMilliseconds(5),
        };
        await using var hub = await TestHub.StartAsync(fixture, options, r => r
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<long>("Id", i)));
                return results.Sum();
            })
            .AddActivityFunc<int, long>("Id", (_, i) => i));

        var stopwatch = Stopwatch.StartNew();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await hub.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
        stopwatch.Stop();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal((long)count * (count - 1) / 2, result.ReadOutputAs<long>());
        return stopwatch.Elapsed;
    }
}
