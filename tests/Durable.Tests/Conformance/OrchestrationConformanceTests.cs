using System.Collections.Concurrent;
using Durable.Backend;
using Durable.Client;
using Durable.History;
using Durable.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durable.Tests.Conformance;

/// <summary>
/// Behaviour every backend must show, written once. A backend joins by implementing <see cref="IBackendFixture"/> and
/// subclassing: <c>public sealed class MyConformanceTests(MyFixture f) : OrchestrationConformanceTests(f), IClassFixture&lt;MyFixture&gt;;</c>
/// Bodies wait on conditions, never on fixed sleeps; timers are minutes on a fake clock and about a second on a real one.
/// </summary>
public abstract class OrchestrationConformanceTests(IBackendFixture fixture)
{
    protected IBackendFixture Fixture { get; } = fixture;

    /// <summary>A timer length that fires quickly: moved past on a fake clock, waited out on a real one.</summary>
    protected TimeSpan Short => Fixture.ClockIsFake ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(1.5);

    protected virtual DurableTaskOptions NewOptions() => new()
    {
        HubName = "T" + Guid.NewGuid().ToString("N")[..12],
        PartitionCount = 2,
        MaxConcurrentOrchestrations = 4,
        MaxConcurrentActivities = 8,
        WorkItemLockTimeout = TimeSpan.FromSeconds(30),
        MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        ClientMaxPollingInterval = TimeSpan.FromMilliseconds(200),
    };

    protected Task<TestHub> StartAsync(
        Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var options = NewOptions();
        configure?.Invoke(options);
        return TestHub.StartAsync(Fixture, options, register, services);
    }

    private static bool Has<T>(IReadOnlyList<HistoryEvent> history, Func<T, bool>? predicate = null) where T : HistoryEvent =>
        history.OfType<T>().Any(e => predicate is null || predicate(e));

    // ------------------------------------------------------------------ context basics

    [Fact]
    public async Task Activity_receives_input_and_its_result_becomes_the_output()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Greet", async (ctx, name) =>
                $"{ctx.InstanceId}|{await ctx.CallActivityAsync<string>("SayHello", name)}|{ctx.GetInput<string>()}")
            .AddActivityFunc<string, string>("SayHello", (ctx, name) => $"Hello {name} from {ctx.Name} #{ctx.TaskId}"));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Greet", "Ada", "greet-1");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("greet-1|Hello Ada from SayHello #0|Ada", result.ReadOutputAs<string>());
        Assert.Equal("Ada", result.ReadInputAs<string>());
    }

    [Fact]
    public async Task Class_based_orchestrator_and_activity_are_resolved_through_dependency_injection()
    {
        await using var hub = await StartAsync(
            r => r.AddOrchestrator<SumOrchestrator>().AddActivity<AddActivity>(),
            services: s => s.AddSingleton(new Offset(100)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SumOrchestrator), new[] { 1, 2, 3 });
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(306, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CurrentUtcDateTime_is_the_episode_time_and_NewGuid_and_logging_are_replay_safe()
    {
        var log = new CapturingLogger();
        var replayFlags = new ConcurrentQueue<bool>();
        var before = Fixture.TimeProvider.GetUtcNow();
        await using var hub = await StartAsync(
            r => r
                .AddOrchestratorFunc<GuidReport>("Guids", async ctx =>
                {
                    var logger = ctx.CreateReplaySafeLogger(log);
                    var started = ctx.CurrentUtcDateTime;
                    var first = ctx.NewGuid();
                    var echoedFirst = await ctx.CallActivityAsync<Guid>("Echo", first);
                    replayFlags.Enqueue(ctx.IsReplaying);
                    logger.LogInformation("after first echo");
                    var second = ctx.NewGuid();
                    var echoedSecond = await ctx.CallActivityAsync<Guid>("Echo", second);
                    return new GuidReport(first == echoedFirst && second == echoedSecond, first != second, started);
                })
                .AddActivityFunc<Guid, Guid>("Echo", (_, g) => g),
            o => o.ExtendedSessionCacheSize = 0); // every episode replays from history

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Guids");
        var result = await hub.WaitForCompletionAsync(id);
        var after = Fixture.TimeProvider.GetUtcNow();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var report = result.ReadOutputAs<GuidReport>()!;
        Assert.True(report.SameOnReplay, "NewGuid must return the same values on replay");
        Assert.True(report.Distinct);
        Assert.InRange(new DateTimeOffset(report.Started, TimeSpan.Zero), before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Contains(true, replayFlags);
        Assert.Contains(false, replayFlags);
        Assert.Equal(1, log.Messages.Count(m => m == "after first echo"));
    }

    [Fact]
    public async Task Custom_status_is_visible_while_the_instance_runs()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Status", async ctx =>
        {
            ctx.SetCustomStatus(new StepStatus("waiting for approval"));
            var answer = await ctx.WaitForExternalEvent<string>("approve");
            ctx.SetCustomStatus(new StepStatus("done"));
            return answer;
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Status");
        var running = await hub.WaitForStatusAsync(id, m => m.SerializedCustomStatus is not null);

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("waiting for approval", running.ReadCustomStatusAs<StepStatus>()!.Step);

        await hub.Client.RaiseEventAsync(id, "approve", "yes");
        var done = await hub.WaitForCompletionAsync(id);
        Assert.Equal("done", done.ReadCustomStatusAs<StepStatus>()!.Step);
        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SendEvent_delivers_an_event_to_another_instance()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Receiver", ctx => ctx.WaitForExternalEvent<string>("ping"))
            .AddOrchestratorFunc<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "ping", "hello from " + ctx.InstanceId);
                return Task.FromResult("sent");
            }));

        var receiver = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", instanceId: "receiver-1");
        await hub.Client.WaitForInstanceStartAsync(receiver);
        var sender = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver, "sender-1");

        Assert.Equal("sent", (await hub.WaitForCompletionAsync(sender)).ReadOutputAs<string>());
        Assert.Equal("hello from sender-1", (await hub.WaitForCompletionAsync(receiver)).ReadOutputAs<string>());
    }

    // ------------------------------------------------------------------ activities: failures, retries, fan-out

    [Fact]
    public async Task Activity_failure_surfaces_in_the_orchestrator_as_TaskFailedException_with_details()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("CatchIt", async ctx =>
            {
                try
                {
                    await ctx.CallActivityAsync("Explode");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}:{ex.FailureDetails.ErrorType}:{ex.FailureDetails.ErrorMessage}";
                }
            })
            .AddActivityFunc<object?, string>("Explode", (_, _) => Task.FromException<string>(new InvalidOperationException("kaboom"))));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("CatchIt");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal("Explode:System.InvalidOperationException:kaboom", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_policy_retries_a_failing_activity_after_durable_timers_until_it_succeeds()
    {
        var calls = 0;
        var interval = Fixture.ClockIsFake ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(300);
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Retrying", ctx => ctx.CallActivityAsync<string>(
                "Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(4, interval, backoffCoefficient: 2))))
            .AddActivityFunc<object?, string>("Flaky", (_, _) =>
                Interlocked.Increment(ref calls) < 3 ? throw new TimeoutException("transient") : "third time lucky"));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");
        var result = await hub.DriveToCompletionAsync(id, interval);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("third time lucky", result.ReadOutputAs<string>());
        Assert.Equal(3, calls);
        var history = await hub.Service.GetHistoryAsync(id);
        Assert.Equal(2, history.OfType<TimerCreated>().Count());
        Assert.Equal(3, history.OfType<TaskScheduled>().Count());
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_max_attempts_and_the_instance_fails_with_the_activity_error()
    {
        var interval = Fixture.ClockIsFake ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(200);
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("GiveUp", ctx => ctx.CallActivityAsync<string>(
                "AlwaysFails", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, interval))))
            .AddActivityFunc<object?, string>("AlwaysFails", (_, _) => Task.FromException<string>(new ArgumentException("bad input"))));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("GiveUp");
        var result = await hub.DriveToCompletionAsync(id, interval);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal("bad input", result.FailureDetails.InnerFailure!.ErrorMessage);
        Assert.Equal(2, (await hub.Service.GetHistoryAsync(id)).OfType<TaskScheduled>().Count());
    }

    [Fact]
    public async Task Fan_out_fan_in_of_100_activities_aggregates_every_result_within_the_in_flight_bound()
    {
        const int bound = 5;
        var inFlight = 0;
        var maxInFlight = 0;
        await using var hub = await StartAsync(
            r => r
                .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
                {
                    var tasks = Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<long>("Square", i)).ToList();
                    var results = await Task.WhenAll(tasks);
                    return results.Sum();
                })
                .AddActivityFunc<int, long>("Square", async (_, i) =>
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref maxInFlight, now);
                    await Task.Yield();
                    Interlocked.Decrement(ref inFlight);
                    return (long)i * i;
                }),
            o =>
            {
                o.MaxActivitiesInFlightPerOrchestration = bound;
                o.MaxConcurrentActivities = 16;
            });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 100);
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 100).Sum(i => (long)i * i), result.ReadOutputAs<long>());
        Assert.InRange(maxInFlight, 1, bound);
        var history = await hub.Service.GetHistoryAsync(id);
        Assert.Equal(100, history.OfType<TaskScheduled>().Count());
        Assert.Equal(100, history.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).Distinct().Count());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    // ------------------------------------------------------------------ sub-orchestrations

    [Fact]
    public async Task Sub_orchestration_runs_as_a_child_and_returns_its_output()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) => await ctx.CallSubOrchestratorAsync<int>("Child", n, "child-of-" + ctx.InstanceId) + 1)
            .AddOrchestratorFunc<int, int>("Child", (ctx, n) => ctx.CallActivityAsync<int>("Double", n))
            .AddActivityFunc<int, int>("Double", (_, n) => n * 2));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 5, "parent-1");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(11, result.ReadOutputAs<int>());
        var child = await hub.Client.GetInstanceAsync("child-of-parent-1", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("parent-1", child.ParentInstanceId);
    }

    [Fact]
    public async Task Sub_orchestration_failure_surfaces_in_the_parent_as_TaskFailedException()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Parent", async ctx =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync("BrokenChild");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            })
            .AddOrchestratorFunc<string>("BrokenChild", _ => throw new InvalidOperationException("child broke")));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Parent");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal("child broke", result.ReadOutputAs<string>());
    }

    // ------------------------------------------------------------------ events and timers

    [Fact]
    public async Task An_event_that_arrives_before_the_orchestrator_waits_for_it_is_buffered()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("TwoEvents", async ctx =>
        {
            var first = await ctx.WaitForExternalEvent<string>("first");
            var second = await ctx.WaitForExternalEvent<string>("second");
            return first + "+" + second;
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        await hub.Client.WaitForInstanceStartAsync(id);
        await hub.Client.RaiseEventAsync(id, "second", "B");
        await hub.WaitForHistoryAsync(id, h => Has<EventRaised>(h, e => e.Name == "second"));
        await hub.Client.RaiseEventAsync(id, "first", "A");

        Assert.Equal("A+B", (await hub.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_delivered_twice_counts_once_but_two_raises_of_the_same_name_count_twice()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("CountGo", async ctx =>
        {
            var first = await ctx.WaitForExternalEvent<int>("go");
            var again = ctx.WaitForExternalEvent<int>("go");
            var end = ctx.WaitForExternalEvent<string>("end");
            return await Task.WhenAny(again, end) == again ? $"go {first} then go {again.Result}" : $"go {first} once";
        }));

        // A queue may deliver the same message twice (at-least-once): the second copy carries the same delivery id.
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("CountGo");
        await hub.Client.WaitForInstanceStartAsync(id);
        var go = new TaskMessage(id, null, new EventRaised(DateTimeOffset.UtcNow, "go", "1", "delivery-1"));
        await hub.Service.SendTaskMessageAsync(go);
        await hub.Service.SendTaskMessageAsync(go);
        await hub.Service.SendTaskMessageAsync(new TaskMessage(id, null, new EventRaised(DateTimeOffset.UtcNow, "marker", null, "delivery-2")));
        await hub.WaitForHistoryAsync(id, h => Has<EventRaised>(h, e => e.Name == "marker"));
        Assert.Single((await hub.Service.GetHistoryAsync(id)).OfType<EventRaised>(), e => e.Name == "go");
        await hub.Client.RaiseEventAsync(id, "end", "now");
        Assert.Equal("go 1 once", (await hub.WaitForCompletionAsync(id)).ReadOutputAs<string>());

        // Two raises by the client are two events, even with the same name and payload.
        var twice = await hub.Client.ScheduleNewOrchestrationInstanceAsync("CountGo");
        await hub.Client.WaitForInstanceStartAsync(twice);
        await hub.Client.RaiseEventAsync(twice, "go", 1);
        await hub.Client.RaiseEventAsync(twice, "go", 1);
        Assert.Equal("go 1 then go 1", (await hub.WaitForCompletionAsync(twice)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_wins_the_race_against_a_timer()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Race", RaceAsync(TimeSpan.FromHours(1))));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Race");
        await hub.WaitForHistoryAsync(id, h => Has<TimerCreated>(h));
        await hub.Client.RaiseEventAsync(id, "answer", "yes");

        Assert.Equal("event:yes", (await hub.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Timer_wins_the_race_against_an_event_that_never_comes()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Race", RaceAsync(Short)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Race");
        await hub.WaitForHistoryAsync(id, h => Has<TimerCreated>(h));
        await Fixture.AdvanceTimeAsync(Short + TimeSpan.FromSeconds(1));

        Assert.Equal("timer", (await hub.WaitForCompletionAsync(id)).ReadOutputAs<string>());
        await hub.Client.RaiseEventAsync(id, "answer", "too late"); // harmless after completion
    }

    private static Func<TaskOrchestrationContext, Task<string>> RaceAsync(TimeSpan timeout) => async ctx =>
    {
        using var cancelTimer = new CancellationTokenSource();
        var answer = ctx.WaitForExternalEvent<string>("answer");
        var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime + timeout, cancelTimer.Token);
        if (await Task.WhenAny(answer, timer) == answer)
        {
            cancelTimer.Cancel();
            return "event:" + await answer;
        }

        return "timer";
    };

    [Fact]
    public async Task WaitForExternalEvent_with_a_timeout_throws_TaskCanceledException_when_nothing_arrives()
    {
        var timeout = Short;
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Impatient", async ctx =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("reply", timeout);
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Impatient");
        await hub.WaitForHistoryAsync(id, h => Has<TimerCreated>(h));
        await Fixture.AdvanceTimeAsync(timeout + TimeSpan.FromSeconds(1));

        Assert.Equal("timed out", (await hub.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_thirty_day_timer_fires_when_the_clock_reaches_it()
    {
        if (!Fixture.ClockIsFake)
        {
            return; // needs a fake clock
        }

        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<DateTime>("Month", async ctx =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));

        var start = Fixture.TimeProvider.GetUtcNow();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Month");
        await hub.WaitForHistoryAsync(id, h => Has<TimerCreated>(h));
        await Fixture.AdvanceTimeAsync(TimeSpan.FromDays(29));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Fixture.AdvanceTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(result.ReadOutputAs<DateTime>() >= start.UtcDateTime.AddDays(30));
    }

    // ------------------------------------------------------------------ lifecycle

    [Fact]
    public async Task ContinueAsNew_starts_a_fresh_execution_that_still_receives_an_unprocessed_event()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<int, string>("Generations", async (ctx, generation) =>
        {
            if (generation == 0)
            {
                await ctx.WaitForExternalEvent<string>("next");
                ctx.ContinueAsNew(1);
                return "unused";
            }

            return $"generation {generation} got " + await ctx.WaitForExternalEvent<string>("kept");
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Generations", 0);
        await hub.Client.WaitForInstanceStartAsync(id);
        await hub.Client.RaiseEventAsync(id, "kept", "early bird");
        await hub.WaitForHistoryAsync(id, h => Has<EventRaised>(h, e => e.Name == "kept"));
        await hub.Client.RaiseEventAsync(id, "next");

        var result = await hub.WaitForCompletionAsync(id);
        Assert.Equal("generation 1 got early bird", result.ReadOutputAs<string>());
        Assert.Equal(1, result.ReadInputAs<int>());
    }

    [Fact]
    public async Task Terminate_stops_the_instance_with_the_reason_as_output()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Forever", ctx => ctx.WaitForExternalEvent<string>("never")));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await hub.Client.WaitForInstanceStartAsync(id);
        await hub.Client.TerminateInstanceAsync(id, "operator says stop");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator says stop", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspended_instance_holds_events_until_resumed()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string>("Pausable", ctx => ctx.WaitForExternalEvent<string>("go")));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Pausable");
        await hub.Client.WaitForInstanceStartAsync(id);
        await hub.Client.SuspendInstanceAsync(id, "maintenance");
        await hub.WaitForStatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        await hub.Client.RaiseEventAsync(id, "go", "payload");
        await hub.WaitForHistoryAsync(id, h => Has<EventRaised>(h, e => e.Name == "go"));
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await hub.Client.ResumeInstanceAsync(id, "done");
        var result = await hub.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("payload", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Duplicate_instance_id_is_refused_while_live_and_allowed_after_completion()
    {
        await using var hub = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Once", async (ctx, label) =>
            label + ":" + await ctx.WaitForExternalEvent<string>("go")));

        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Once", "first", "dup-1");
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync("Once", "again", "dup-1"));

        await hub.Client.WaitForInstanceStartAsync("dup-1");
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync("Once", "again", "dup-1"));
        await hub.Client.RaiseEventAsync("dup-1", "go", "1");
        Assert.Equal("first:1", (await hub.WaitForCompletionAsync("dup-1")).ReadOutputAs<string>());

        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Once", "second", "dup-1");
        await hub.Client.WaitForInstanceStartAsync("dup-1");
        await hub.Client.RaiseEventAsync("dup-1", "go", "2");
        Assert.Equal("second:2", (await hub.WaitForCompletionAsync("dup-1")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_but_not_a_running_one()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Slow", ctx => ctx.WaitForExternalEvent<string>("never")));

        var done = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Slow");
        await hub.WaitForCompletionAsync(done);
        await hub.Client.WaitForInstanceStartAsync(running);

        Assert.Equal(1, (await hub.Client.PurgeInstanceAsync(done)).PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(done));
        Assert.Empty(await hub.Service.GetHistoryAsync(done));
        Assert.Equal(0, (await hub.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.NotNull(await hub.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Purge_by_filter_removes_only_matching_finished_instances()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Fails", _ => throw new InvalidOperationException("no"))
            .AddOrchestratorFunc<string>("Slow", ctx => ctx.WaitForExternalEvent<string>("never")));

        var completed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            completed.Add(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick"));
        }

        var failed = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Fails");
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Slow");
        foreach (var id in completed.Append(failed))
        {
            await hub.WaitForCompletionAsync(id);
        }

        await hub.Client.WaitForInstanceStartAsync(running);

        var purged = await hub.Client.PurgeInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(3, purged.PurgedInstanceCount);
        Assert.NotNull(await hub.Client.GetInstanceAsync(failed));
        Assert.NotNull(await hub.Client.GetInstanceAsync(running));
        Assert.Equal(1, (await hub.Client.PurgeInstancesAsync(new PurgeInstancesFilter())).PurgedInstanceCount);
        Assert.NotNull(await hub.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_pages_with_a_continuation_token_and_filters_by_prefix_status_and_creation_time()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Slow", ctx => ctx.WaitForExternalEvent<string>("never")));

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", instanceId: $"batch-a-{i}"));
        }

        foreach (var id in ids)
        {
            await hub.WaitForCompletionAsync(id);
        }

        await Fixture.AdvanceTimeAsync(Fixture.ClockIsFake ? TimeSpan.FromMinutes(1) : TimeSpan.FromMilliseconds(50));
        var later = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Slow", instanceId: "batch-b-0");
        var laterCreated = (await hub.Client.WaitForInstanceStartAsync(later)).CreatedAt;

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await hub.Client.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "batch-a-", PageSize: 2, ContinuationToken: token));
            Assert.True(page.Instances.Count <= 2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.InRange(pages, 3, 4);

        var all = new List<string>();
        await foreach (var instance in hub.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "batch-", PageSize: 4)))
        {
            all.Add(instance.InstanceId);
        }

        Assert.Equal(6, all.Count);

        var running = await hub.Client.QueryInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running]));
        Assert.Equal(["batch-b-0"], running.Instances.Select(i => i.InstanceId));

        var completed = await hub.Client.QueryInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], IncludeInputsAndOutputs: true));
        Assert.Equal(5, completed.Instances.Count);
        Assert.All(completed.Instances, i => Assert.Equal("ok", i.ReadOutputAs<string>()));

        var recent = await hub.Client.QueryInstancesAsync(new OrchestrationQuery(CreatedFrom: laterCreated));
        Assert.Equal(["batch-b-0"], recent.Instances.Select(i => i.InstanceId));
        var old = await hub.Client.QueryInstancesAsync(new OrchestrationQuery(CreatedTo: laterCreated.AddTicks(-1)));
        Assert.Equal(5, old.Instances.Count);
    }

    // ------------------------------------------------------------------ failure modes

    [Fact]
    public async Task Changed_orchestrator_code_fails_the_instance_with_a_message_naming_expected_and_actual_steps()
    {
        await using var hub = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Evolving", async ctx =>
            {
                await ctx.CallActivityAsync<string>("StepA");
                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivityFunc<object?, string>("StepA", (_, _) => "a"));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Evolving");
        await hub.WaitForHistoryAsync(id, h => Has<TaskCompleted>(h) && h[^1] is OrchestratorCompleted);

        // A new deployment registers different code under the same name.
        await hub.StartWorkerAsync(r => r
            .AddOrchestratorFunc<string>("Evolving", async ctx =>
            {
                await ctx.CallActivityAsync<string>("StepB");
                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivityFunc<object?, string>("StepA", (_, _) => "a")
            .AddActivityFunc<object?, string>("StepB", (_, _) => "b"));
        await hub.Client.RaiseEventAsync(id, "go", "now");

        var result = await hub.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("history has TaskScheduled 'StepA' at #0 but the code scheduled TaskScheduled 'StepB'", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Poison_activity_message_fails_the_orchestration_with_a_visible_reason_after_max_dequeue_count()
    {
        var started = new SemaphoreSlim(0);
        void Register(DurableTaskRegistry r) => r
            .AddOrchestratorFunc<string>("Victim", ctx => ctx.CallActivityAsync<string>("Crashes"))
            .AddActivityFunc<object?, string>("Crashes", async (ctx, _) =>
            {
                started.Release();
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken); // the "process" dies while running it
                return "unreachable";
            });

        await using var hub = await StartAsync(Register, o => o.MaxDequeueCount = 2);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Victim");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.True(await started.WaitAsync(Fixture.Timeout), "activity did not start");
            await hub.StartWorkerAsync(Register); // stops the worker (abandoning the activity), then starts a fresh one
        }

        var result = await hub.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("PoisonMessage", result.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Contains("dequeued 3 times", result.FailureDetails.InnerFailure.ErrorMessage);
        Assert.Contains("Crashes", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_orchestrator_name_fails_the_instance_cleanly()
    {
        await using var hub = await StartAsync(_ => { });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("NobodyHome");
        var result = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NobodyHome", result.FailureDetails!.ErrorMessage);
    }

    // ------------------------------------------------------------------ helpers and sample types

    public sealed record GuidReport(bool SameOnReplay, bool Distinct, DateTime Started);

    public sealed record StepStatus(string Step);

    public sealed record Offset(int Value);

    public sealed class SumOrchestrator : TaskOrchestrator<int[], int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int[] input)
        {
            var total = 0;
            foreach (var n in input)
            {
                total += await context.CallActivityAsync<int>(nameof(AddActivity), n);
            }

            return total;
        }
    }

    public sealed class AddActivity(Offset offset) : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + offset.Value);
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
