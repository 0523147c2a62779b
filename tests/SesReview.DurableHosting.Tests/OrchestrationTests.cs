using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace SesReview.DurableHosting.Tests;

/// <summary>The programming model on DTFx + Azurite, through the product's worker and client.</summary>
public sealed class OrchestrationTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    [Fact]
    public async Task Activity_result_comes_back_and_each_execution_gets_its_own_DI_scope()
    {
        var probes = new ConcurrentBag<ScopeProbe>();
        await using var engine = await Engine.StartAsync(fixture.Azurite,
            r => r.AddActivity<GreetActivity>().AddOrchestratorFunc<string, string[]>("Greet", async (ctx, name) =>
                [await ctx.CallActivityAsync<string>(nameof(GreetActivity), name), await ctx.CallActivityAsync<string>(nameof(GreetActivity), name)]),
            s => s.AddScoped(_ => { var p = new ScopeProbe(); probes.Add(p); return p; }));

        var done = await engine.RunAsync("Greet", "Azurite");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        string[] greetings = done.ReadOutputAs<string[]>()!;
        Assert.All(greetings, g => Assert.StartsWith("Hello, Azurite! scope ", g));
        Assert.NotEqual(greetings[0], greetings[1]);
        Assert.All(probes, p => Assert.True(p.Disposed));
    }

    [Fact]
    public async Task Durable_timer_fires_after_its_time()
    {
        // Azure Storage queues take a message's initial invisibility in whole seconds and DTFx rounds the timer's
        // remaining time down, so a timer may fire up to one second early: a 2 s timer waits at least 1 s.
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r.AddOrchestratorFunc<object?, double>("Timer", async (ctx, _) =>
        {
            DateTime start = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(start.AddSeconds(2), CancellationToken.None);
            return (ctx.CurrentUtcDateTime - start).TotalSeconds;
        }));

        var done = await engine.RunAsync("Timer");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.InRange(done.ReadOutputAs<double>(), 1, 30);
    }

    [Fact]
    public async Task External_event_raised_through_the_client_reaches_the_orchestration()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite,
            r => r.AddOrchestratorFunc<object?, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("approve")));
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await engine.Client.WaitForInstanceStartAsync(id, cts.Token);

        await engine.Client.RaiseEventAsync(id, "approve", "yes");

        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestrations_fan_out_and_each_child_sees_its_parent()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r
            .AddOrchestratorFunc<int, string[]>("Parent", (ctx, n) =>
                Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallSubOrchestratorAsync<string>("Child", i))))
            .AddOrchestratorFunc<int, string>("Child", (ctx, i) =>
                Task.FromResult($"{i}:{ctx.Parent?.Name.Name}:{ctx.Parent?.InstanceId}")));
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 3);

        var done = await engine.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([$"0:Parent:{id}", $"1:Parent:{id}", $"2:Parent:{id}"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task Retry_policy_retries_a_failing_activity_until_it_succeeds()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r
            .AddActivityFunc<string, int>("FlakyTwice", (_, key) =>
            {
                int attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
                return attempt <= 2 ? throw new InvalidOperationException($"attempt {attempt} fails") : attempt;
            })
            .AddOrchestratorFunc<string, int>("Retrying", (ctx, key) => ctx.CallActivityAsync<int>("FlakyTwice", key,
                TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(100))))));
        string key = Guid.NewGuid().ToString("N");

        var done = await engine.RunAsync("Retrying", key);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(3, Attempts[key]);
    }

    [Fact]
    public async Task An_activity_that_always_fails_fails_the_orchestration_with_its_error_after_the_policy()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r
            .AddActivityFunc<string>("AlwaysFails", (_, key) =>
            {
                int attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
                throw new InvalidOperationException($"the ledger is closed (attempt {attempt})");
            })
            .AddOrchestratorFunc<string>("Doomed", (ctx, key) => ctx.CallActivityAsync("AlwaysFails", key,
                TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(100))))));
        string key = Guid.NewGuid().ToString("N");

        var done = await engine.RunAsync("Doomed", key);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, Attempts[key]);
        TaskFailureDetails failure = Assert.IsType<TaskFailureDetails>(done.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("the ledger is closed (attempt 3)", failure.ErrorMessage);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure?.ErrorType);
        Assert.Equal("the ledger is closed (attempt 3)", failure.InnerFailure?.ErrorMessage);
        Assert.True(failure.InnerFailure!.IsCausedBy<InvalidOperationException>());

        // Without inputs and outputs (as in a query) the details come from the instance row's output: the top level only.
        var row = await engine.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: false);
        Assert.Equal(typeof(TaskFailedException).FullName, row?.FailureDetails?.ErrorType);
        Assert.Contains("the ledger is closed (attempt 3)", row?.FailureDetails?.ErrorMessage);
    }

    [Fact]
    public async Task Continue_as_new_keeps_events_raised_before_the_next_generation_waits()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, count) =>
        {
            if (count >= 3) return count;
            await ctx.WaitForExternalEvent<int>("inc");
            ctx.ContinueAsNew(count + 1, preserveUnprocessedEvents: true);
            return count;
        }));
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        for (int i = 0; i < 3; i++) await engine.Client.RaiseEventAsync(id, "inc", i);

        var done = await engine.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Unknown_orchestrator_name_fails_the_instance_with_a_reason()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite, r => r.AddOrchestratorFunc<object?, int>("Known", (_, _) => Task.FromResult(1)));

        var done = await engine.RunAsync("NoSuchOrchestrator", timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails?.ErrorType);
        Assert.Contains("No orchestrator named 'NoSuchOrchestrator'", done.FailureDetails?.ErrorMessage);
    }

    [Fact]
    public async Task Orchestrator_whose_construction_throws_fails_the_instance_with_a_reason()
    {
        await using var engine = await Engine.StartAsync(fixture.Azurite,
            r => r.AddOrchestrator("Broken", () => throw new InvalidOperationException("missing dependency")));

        var done = await engine.RunAsync("Broken", timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Orchestrator 'Broken' could not be created", done.FailureDetails?.ErrorMessage);
        Assert.Contains("missing dependency", done.FailureDetails?.ErrorMessage);
    }

    public sealed class ScopeProbe : IAsyncDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return default;
        }
    }

    public sealed class GreetActivity(ScopeProbe probe) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string name) => Task.FromResult($"Hello, {name}! scope {probe.Id:N}");
    }
}
