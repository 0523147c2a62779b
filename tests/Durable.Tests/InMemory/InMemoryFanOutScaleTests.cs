using Durable.History;
using Durable.Tests.Conformance;

namespace Durable.Tests.InMemory;

/// <summary>
/// A fan-out of 10,000 activities completes with every result aggregated. Its speed and the 10,000/1,000 cost ratio
/// are measured by the benchmark (`bench/Bench -- durable`), not asserted here.
/// </summary>
public sealed class InMemoryFanOutScaleTests
{
    [Fact]
    public async Task Fan_out_of_10000_activities_aggregates_every_result() => await RunFanOutAsync(10_000);

    private static async Task RunFanOutAsync(int count)
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

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await hub.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal((long)count * (count - 1) / 2, result.ReadOutputAs<long>());
    }
}
