using Durable.Backend;
using Durable.Core;
using Durable.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durable.Tests.Core;

/// <summary>The replay executor without a backend: bounded release and re-sends are derived from history alone.</summary>
public sealed class OrchestrationExecutorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly DurableTaskRegistry _registry = new DurableTaskRegistry()
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Work", i)))).Sum());

    private OrchestrationExecutor NewExecutor(int bound) =>
        new("fan-1", _registry, new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance, bound);

    private static TaskMessage Start(int n) =>
        new("fan-1", "exec-1", new ExecutionStarted(T0, "FanOut", "fan-1", "exec-1", n.ToString()));

    private static TaskMessage Done(int taskId) => new("fan-1", "exec-1", new TaskCompleted(T0, taskId, "1"));

    [Fact]
    public void Every_task_is_recorded_in_program_order_but_only_the_bound_is_released()
    {
        var checkpoint = NewExecutor(bound: 3).RunEpisode([Start(10)], null, T0, resendInFlight: false);

        Assert.Equal(Enumerable.Range(0, 10), checkpoint.NewEvents.OfType<TaskScheduled>().Select(t => t.EventId));
        Assert.Equal([0, 1, 2], checkpoint.ActivityMessages.Select(m => ((TaskScheduled)m.Event).EventId));
        Assert.Equal(OrchestrationRuntimeStatus.Running, checkpoint.NewState.RuntimeStatus);
    }

    [Fact]
    public void A_cold_replay_releases_exactly_what_a_cached_executor_releases()
    {
        var cached = NewExecutor(bound: 3);
        var first = cached.RunEpisode([Start(10)], null, T0, false);
        var cachedSecond = cached.RunEpisode([Done(0), Done(2)], first.NewState, T0.AddSeconds(1), false);

        var cold = NewExecutor(bound: 3);
        cold.Replay(first.NewEvents);
        var coldSecond = cold.RunEpisode([Done(0), Done(2)], first.NewState, T0.AddSeconds(1), false);

        Assert.Equal([3, 4], cachedSecond.ActivityMessages.Select(m => ((TaskScheduled)m.Event).EventId));
        Assert.Equal(cachedSecond.ActivityMessages.Select(m => m.Event.EventId), coldSecond.ActivityMessages.Select(m => m.Event.EventId));
    }

    [Fact]
    public void A_redelivered_work_item_on_a_cold_replay_resends_released_tasks_without_results()
    {
        var first = NewExecutor(bound: 3).RunEpisode([Start(10)], null, T0, false);

        var cold = NewExecutor(bound: 3);
        cold.Replay(first.NewEvents);
        var second = cold.RunEpisode([Done(0)], first.NewState, T0.AddSeconds(1), resendInFlight: true);

        Assert.Equal([1, 2, 3], second.ActivityMessages.Select(m => ((TaskScheduled)m.Event).EventId).Order());
    }

    [Fact]
    public void Duplicate_and_stale_results_are_dropped_and_the_fan_in_completes_once()
    {
        var executor = NewExecutor(bound: 0);
        var first = executor.RunEpisode([Start(3)], null, T0, false);
        var stale = new TaskMessage("fan-1", "older-execution", new TaskCompleted(T0, 1, "1"));
        var second = executor.RunEpisode([Done(0), Done(0), stale, Done(1), Done(2)], first.NewState, T0.AddSeconds(1), false);

        Assert.Equal(3, second.NewEvents.OfType<TaskCompleted>().Count());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.NewState.RuntimeStatus);
        Assert.Equal("3", second.NewState.Output);
    }
}
