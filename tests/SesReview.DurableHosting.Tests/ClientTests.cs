using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace SesReview.DurableHosting.Tests;

/// <summary>The product's <see cref="DurableTaskClient"/> over DTFx, on Azurite.</summary>
public sealed class ClientTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>"Wait" waits for the event "go" and returns its payload; "Echo" returns its input.</summary>
    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<string?, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestratorFunc<int, int>("Echo", (_, n) => Task.FromResult(n));

    private Task<Engine> StartAsync() => Engine.StartAsync(fixture.Azurite, Register);

    [Fact]
    public async Task Starting_a_live_instance_id_again_is_refused_and_the_original_runs_on()
    {
        await using var engine = await StartAsync();
        var client = engine.Client;
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Wait", "first", new StartOrchestrationOptions("cycle-1"));
        await client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Bound).Token);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.ScheduleNewOrchestrationInstanceAsync("Echo", 5, new StartOrchestrationOptions(id)));
        Assert.Contains("'cycle-1' already exists", refused.Message);

        await client.RaiseEventAsync(id, "go", "original");
        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Wait", done.Name);
        Assert.Equal("\"first\"", done.SerializedInput);
        Assert.Equal("original", done.ReadOutputAs<string>());

        // A finished instance's id may be used again (documented choice): a new execution replaces the old one.
        await client.ScheduleNewOrchestrationInstanceAsync("Echo", 7, new StartOrchestrationOptions(id));
        var again = await Poll.UntilAsync(
            async () => await engine.CompletionAsync(id) is { Name: "Echo" } m ? m : null, Bound, () => Task.FromResult("no second execution"));
        Assert.Equal(7, again.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Get_and_query_page_through_instances_with_filters_and_continuation()
    {
        await using var engine = await StartAsync();
        var client = engine.Client;
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var ids = new List<string>();
        for (int i = 0; i < 5; i++) ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("Echo", i, new StartOrchestrationOptions($"q-{i}")));
        string waiting = await client.ScheduleNewOrchestrationInstanceAsync("Wait", null, new StartOrchestrationOptions("q-waiting"));
        await client.ScheduleNewOrchestrationInstanceAsync("Echo", 9, new StartOrchestrationOptions("other-1"));
        foreach (string id in ids) await engine.CompletionAsync(id);
        await client.WaitForInstanceStartAsync(waiting, new CancellationTokenSource(Bound).Token);

        var bare = await client.GetInstanceAsync("q-3", getInputsAndOutputs: false);
        Assert.NotNull(bare);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, bare.RuntimeStatus);
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.InRange(bare.CreatedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
        var full = await client.GetInstanceAsync("q-3", getInputsAndOutputs: true);
        Assert.Equal("3", full?.SerializedInput);
        Assert.Equal(3, full?.ReadOutputAs<int>());
        Assert.Null(await client.GetInstanceAsync("q-none"));

        var completed = new OrchestrationQuery { InstanceIdPrefix = "q-", Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2, FetchInputsAndOutputs = true };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in client.GetAllInstancesAsync(completed).AsPages()) pages.Add(page);
        Assert.All(pages, p => Assert.True(p.Values.Count <= 2, $"a page of {p.Values.Count}"));
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Order());
        Assert.All(pages.SelectMany(p => p.Values), m => Assert.NotNull(m.SerializedOutput));

        // The first page's continuation token, handed to a new query, yields the rest.
        var first = pages.First(p => p.Values.Count > 0);
        Assert.NotNull(first.ContinuationToken);
        var rest = new List<string>();
        await foreach (var m in client.GetAllInstancesAsync(completed with { ContinuationToken = first.ContinuationToken })) rest.Add(m.InstanceId);
        Assert.Equal(ids.Except(first.Values.Select(m => m.InstanceId)).Order(), rest.Order());

        var running = new List<string>();
        await foreach (var m in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-", Statuses = [OrchestrationRuntimeStatus.Running] }))
            running.Add(m.InstanceId);
        Assert.Equal([waiting], running);

        int all = 0, future = 0;
        await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = before, CreatedTo = DateTimeOffset.UtcNow.AddMinutes(1) })) all++;
        await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) })) future++;
        Assert.Equal(7, all);
        Assert.Equal(0, future);
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_with_the_given_output()
    {
        await using var engine = await StartAsync();
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await engine.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Bound).Token);

        await engine.Client.TerminateInstanceAsync(id, "withdrawn by the agency");

        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("withdrawn by the agency", done.ReadOutputAs<string>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.Client.TerminateInstanceAsync("no-such-instance"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.Client.RaiseEventAsync("no-such-instance", "go"));
    }

    [Fact]
    public async Task An_event_raised_while_suspended_is_processed_only_after_resume()
    {
        await using var engine = await StartAsync();
        var client = engine.Client;
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Bound).Token);

        await client.SuspendInstanceAsync(id, "paused for review");
        await Poll.UntilAsync(async () => await client.GetInstanceAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Suspended } m ? m : null,
            Bound, async () => $"status {(await client.GetInstanceAsync(id))?.RuntimeStatus}");
        await client.RaiseEventAsync(id, "go", "while suspended");

        // The worker has taken the event in (it is in the history) and still holds the instance suspended.
        var service = engine.Services.GetRequiredService<AzureStorageOrchestrationService>();
        await Poll.UntilAsync(async () =>
            (await ((IOrchestrationServiceClient)service).GetOrchestrationHistoryAsync(id, null)).Contains("while suspended") ? "seen" : null,
            Bound, () => Task.FromResult("the event never reached the history"));
        var suspended = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended?.RuntimeStatus);
        Assert.Null(suspended?.SerializedOutput);

        await client.ResumeInstanceAsync(id, "review done");
        var done = await engine.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("while suspended", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_finished_instances_only()
    {
        await using var engine = await StartAsync();
        var client = engine.Client;
        DateTimeOffset since = DateTimeOffset.UtcNow.AddMinutes(-1);
        string finished = await client.ScheduleNewOrchestrationInstanceAsync("Echo", 1);
        string other = await client.ScheduleNewOrchestrationInstanceAsync("Echo", 2);
        string waiting = await client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await engine.CompletionAsync(finished);
        await engine.CompletionAsync(other);
        await client.WaitForInstanceStartAsync(waiting, new CancellationTokenSource(Bound).Token);

        Assert.Equal(1, (await client.PurgeInstanceAsync(finished)).PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync(finished));
        Assert.Equal(0, (await client.PurgeInstanceAsync(waiting)).PurgedInstanceCount);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync(waiting))?.RuntimeStatus);

        var byFilter = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(since, DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(1, byFilter.PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync(other));
        Assert.NotNull(await client.GetInstanceAsync(waiting));
    }

    [Fact]
    public async Task Waiting_for_completion_stops_when_its_token_is_cancelled()
    {
        await using var engine = await StartAsync();
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.Client.WaitForInstanceCompletionAsync(id, cts.Token));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3));
    }
}
