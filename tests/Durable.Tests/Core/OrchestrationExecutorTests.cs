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
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Work", i)))).Sum())
        .AddOrchestratorFunc<int, int>("SumTwoEvents", async (ctx, _) =>
            await ctx.WaitForExternalEvent<int>("go") + await ctx.WaitForExternalEvent<int>("go"))
        .AddOrchestratorFunc<string, int>("Notify", (ctx, target) =>
        {
            ctx.SendEvent(target, "go", 1);
            ctx.SendEvent(target, "go", 2);
            return Task.FromResult(0);
        });

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

    private OrchestrationExecutor EventExecutor() =>
        new("ev-1", _registry, new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance, 0);

    private static TaskMessage Go(string? deliveryId, int value) => new("ev-1", null, new EventRaised(T0, "go", value.ToString(), deliveryId));

    [Fact]
    public void A_second_delivery_of_an_event_is_dropped_in_the_same_episode_and_after_a_cold_replay()
    {
        var start = new TaskMessage("ev-1", "exec-1", new ExecutionStarted(T0, "SumTwoEvents", "ev-1", "exec-1", "0"));
        var executor = EventExecutor();
        var first = executor.RunEpisode([start], null, T0, false);
        var second = executor.RunEpisode([Go("a", 1), Go("a", 1)], first.NewState, T0.AddSeconds(1), false);
        Assert.Single(second.NewEvents.OfType<EventRaised>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, second.NewState.RuntimeStatus);

        // A worker that never saw the first delivery rebuilds from history and still knows the id.
        var cold = EventExecutor();
        cold.Replay([.. first.NewEvents, .. second.NewEvents]);
        var third = cold.RunEpisode([Go("a", 1)], second.NewState, T0.AddSeconds(2), false);
        Assert.Empty(third.NewEvents.OfType<EventRaised>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, third.NewState.RuntimeStatus);

        var fourth = cold.RunEpisode([Go("b", 5)], third.NewState, T0.AddSeconds(3), false);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, fourth.NewState.RuntimeStatus);
        Assert.Equal("6", fourth.NewState.Output);
    }

    [Fact]
    public void Events_without_a_delivery_id_are_never_merged()
    {
        var start = new TaskMessage("ev-1", "exec-1", new ExecutionStarted(T0, "SumTwoEvents", "ev-1", "exec-1", "0"));
        var executor = EventExecutor();
        var first = executor.RunEpisode([start], null, T0, false);
        var second = executor.RunEpisode([Go(null, 1), Go(null, 1)], first.NewState, T0.AddSeconds(1), false);
        Assert.Equal("2", second.NewState.Output);
    }

    [Fact]
    public void SendEvent_gives_each_sent_event_a_delivery_id_that_a_replay_reproduces()
    {
        var start = new TaskMessage("ev-1", "exec-1", new ExecutionStarted(T0, "Notify", "ev-1", "exec-1", "\"target\""));
        var sent = EventExecutor().RunEpisode([start], null, T0, false).OrchestratorMessages
            .Select(m => ((EventRaised)m.Event).DeliveryId).ToList();
        var again = EventExecutor().RunEpisode([start], null, T0.AddMinutes(1), false).OrchestratorMessages
            .Select(m => ((EventRaised)m.Event).DeliveryId).ToList();

        Assert.Equal(2, sent.Distinct().Count());
        Assert.All(sent, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(sent, again);
    }
}
