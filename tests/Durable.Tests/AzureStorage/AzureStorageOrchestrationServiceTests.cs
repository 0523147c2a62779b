using System.Collections.Concurrent;
using Durable.AzureStorage;
using Durable.AzureStorage.Internal;
using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;
using static Durable.Tests.AzureStorage.AzureStorageTestKit;

namespace Durable.Tests.AzureStorage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageOrchestrationServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly List<AzureStorageOrchestrationService> _services = [];

    private async Task<AzureStorageOrchestrationService> NewServiceAsync(Action<AzureStorageOrchestrationServiceOptions>? configure = null, string? hub = null)
    {
        var options = azurite.NewOptions(hub);
        configure?.Invoke(options);
        var service = new AzureStorageOrchestrationService(options);
        await service.CreateIfNotExistsAsync();
        _services.Add(service);
        return service;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
    }

    [Fact]
    public async Task Create_lock_complete_round_trip_runs_an_activity_and_records_history()
    {
        var service = await NewServiceAsync();
        await service.CreateInstanceAsync(StartMessage("round-trip", "\"in\""));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await service.GetStateAsync("round-trip", true))!.RuntimeStatus);

        var first = await LockOrchestrationAsync(service);
        Assert.Empty(first.PastEvents);
        var start = Assert.IsType<ExecutionStarted>(Assert.Single(first.NewMessages).Event);
        Assert.Equal("\"in\"", start.Input);
        var scheduled = new TaskScheduled(0, DateTimeOffset.UtcNow, "SayHello", "\"world\"");
        await service.CompleteOrchestrationWorkItemAsync(first,
            Checkpoint(first, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled], activities: [new TaskMessage("round-trip", start.ExecutionId, scheduled)]),
            CancellationToken.None);

        var activity = await service.LockNextActivityWorkItemAsync(Wait, CancellationToken.None);
        Assert.NotNull(activity);
        Assert.Equal("SayHello", activity.Scheduled.Name);
        await service.CompleteActivityWorkItemAsync(activity,
            new TaskMessage("round-trip", start.ExecutionId, new TaskCompleted(DateTimeOffset.UtcNow, 0, "\"hello world\"")), CancellationToken.None);

        var second = await LockOrchestrationAsync(service);
        Assert.Equal(4, second.PastEvents.Count); // OrchestratorStarted, ExecutionStarted, TaskScheduled, OrchestratorCompleted
        Assert.IsType<TaskCompleted>(Assert.Single(second.NewMessages).Event);
        Assert.Equal(OrchestrationRuntimeStatus.Running, second.State!.RuntimeStatus);
        await service.CompleteOrchestrationWorkItemAsync(second, Checkpoint(second, OrchestrationRuntimeStatus.Completed, "\"hello world\""), CancellationToken.None);

        var state = await service.GetStateAsync("round-trip", includeInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal("\"hello world\"", state.Output);
        var history = await service.GetHistoryAsync("round-trip");
        Assert.Equal(8, history.Count);
        Assert.IsType<ExecutionStarted>(history[1]);
        Assert.IsType<ExecutionCompleted>(history[^2]);
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None));
    }

    [Fact]
    public async Task Create_refuses_a_duplicate_of_a_running_instance_but_allows_recreating_a_finished_one()
    {
        var service = await NewServiceAsync();
        await service.CreateInstanceAsync(StartMessage("dup"));
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => service.CreateInstanceAsync(StartMessage("dup")));

        var workItem = await LockOrchestrationAsync(service);
        await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        var again = StartMessage("dup", "\"second\"");
        await service.CreateInstanceAsync(again);
        var next = await LockOrchestrationAsync(service);
        Assert.Empty(next.PastEvents); // a new execution starts with a fresh history
        await service.CompleteOrchestrationWorkItemAsync(next, Checkpoint(next, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        var history = await service.GetHistoryAsync("dup");
        Assert.Equal(again.ExecutionId, Assert.IsType<ExecutionStarted>(history[1]).ExecutionId);
    }

    [Fact]
    public async Task Checkpoint_after_the_sentinel_changed_is_refused_with_WorkItemLockLostException_and_writes_nothing()
    {
        var service = await NewServiceAsync();
        await RunToAsync(service, "etag", OrchestrationRuntimeStatus.Running);
        int committed = (await service.GetHistoryAsync("etag")).Count;

        await service.SendTaskMessageAsync(new TaskMessage("etag", null, new EventRaised(DateTimeOffset.UtcNow, "Go", null)));
        var workItem = await LockOrchestrationAsync(service);
        // Another worker commits meanwhile: the sentinel's ETag changes.
        Assert.NotNull(await service.HistoryTable.TryMergeAsync(new TableRow(KeyEncoder.Encode("etag"), HistoryStore.SentinelRowKey) { ["Touched"] = true }, "*", default));

        await Assert.ThrowsAsync<WorkItemLockLostException>(() =>
            service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Completed), CancellationToken.None));
        Assert.Equal(committed, (await service.GetHistoryAsync("etag")).Count);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await service.GetStateAsync("etag", false))!.RuntimeStatus);

        // The event is delivered again, with a freshly loaded history, and can then be committed.
        var retry = await LockOrchestrationAsync(service);
        Assert.IsType<EventRaised>(Assert.Single(retry.NewMessages).Event);
        Assert.Equal(committed, retry.PastEvents.Count);
        await service.CompleteOrchestrationWorkItemAsync(retry, Checkpoint(retry, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await service.GetStateAsync("etag", false))!.RuntimeStatus);
    }

    [Fact]
    public async Task Two_workers_share_the_partitions_and_never_hold_the_same_instance_at_once()
    {
        string hub = AzuriteFixture.NewTaskHubName();
        var a = await NewServiceAsync(hub: hub);
        var b = await NewServiceAsync(hub: hub);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Both start polling; the partitions settle at two each.
        var warmA = a.LockNextOrchestrationWorkItemAsync(TimeSpan.Zero, stop.Token);
        var warmB = b.LockNextOrchestrationWorkItemAsync(TimeSpan.Zero, stop.Token);
        await Task.WhenAll(warmA, warmB);
        while (!(a.OwnedPartitionCount == 2 && b.OwnedPartitionCount == 2)) await Task.Delay(100, stop.Token);

        const int instances = 24, rounds = 3;
        for (int i = 0; i < instances; i++) await a.CreateInstanceAsync(StartMessage($"shared-{i}"));

        var held = new ConcurrentDictionary<string, string>();
        var episodes = new ConcurrentDictionary<string, int>();
        var byWorker = new ConcurrentDictionary<string, int>();
        int overlaps = 0;

        async Task RunWorker(AzureStorageOrchestrationService service, string name)
        {
            while (episodes.Values.Sum() < instances * rounds && !stop.IsCancellationRequested)
            {
                var workItem = await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(200), stop.Token);
                if (workItem is null) continue;
                if (!held.TryAdd(workItem.InstanceId, name)) Interlocked.Increment(ref overlaps);
                await Task.Delay(20);
                int round = episodes.AddOrUpdate(workItem.InstanceId, 1, (_, n) => n + 1);
                byWorker.AddOrUpdate(name, 1, (_, n) => n + 1);
                held.TryRemove(workItem.InstanceId, out _);
                var status = round < rounds ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed;
                await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, status), CancellationToken.None);
                if (round < rounds) await service.SendTaskMessageAsync(new TaskMessage(workItem.InstanceId, null, new EventRaised(DateTimeOffset.UtcNow, "Next", null)));
            }
        }

        await Task.WhenAll(RunWorker(a, "a"), RunWorker(a, "a"), RunWorker(b, "b"), RunWorker(b, "b"));
        Assert.Equal(0, overlaps);
        Assert.Equal(instances, episodes.Count);
        Assert.All(episodes.Values, n => Assert.Equal(rounds, n));
        Assert.True(byWorker.GetValueOrDefault("a") > 0 && byWorker.GetValueOrDefault("b") > 0, $"a={byWorker.GetValueOrDefault("a")} b={byWorker.GetValueOrDefault("b")}");
    }

    [Fact]
    public async Task A_worker_that_stops_hands_its_partitions_to_the_other()
    {
        string hub = AzuriteFixture.NewTaskHubName();
        var a = await NewServiceAsync(hub: hub);
        var b = await NewServiceAsync(hub: hub);
        await Task.WhenAll(a.LockNextOrchestrationWorkItemAsync(TimeSpan.Zero, default), b.LockNextOrchestrationWorkItemAsync(TimeSpan.Zero, default));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(a.OwnedPartitionCount == 2 && b.OwnedPartitionCount == 2)) await Task.Delay(100, timeout.Token);

        await a.DisposeAsync();
        while (b.OwnedPartitionCount != 4) await Task.Delay(100, timeout.Token);
        for (int i = 0; i < 8; i++) await b.CreateInstanceAsync(StartMessage($"handover-{i}"));
        for (int i = 0; i < 8; i++)
        {
            var workItem = await LockOrchestrationAsync(b);
            await b.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Timer_longer_than_the_max_single_delay_is_chained_and_fires_once_at_or_after_its_time()
    {
        var service = await NewServiceAsync(o => o.MaxTimerDelay = TimeSpan.FromSeconds(1));
        await RunToAsync(service, "timer", OrchestrationRuntimeStatus.Running);
        var fireAt = DateTimeOffset.UtcNow.AddSeconds(3.5);
        await service.SendTaskMessageAsync(new TaskMessage("timer", null, new TimerFired(fireAt, 0, fireAt), fireAt));

        var workItem = await LockOrchestrationAsync(service, TimeSpan.FromSeconds(20));
        var arrived = DateTimeOffset.UtcNow;
        Assert.True(arrived >= fireAt, $"fired {(fireAt - arrived).TotalMilliseconds} ms early");
        Assert.IsType<TimerFired>(Assert.Single(workItem.NewMessages).Event);
        // How many hops a 3.5 s timer needs with 1 s hops depends on poll latency; that it was chained at all is the point.
        Assert.True(service.TimerChainCount >= 1, $"chained {service.TimerChainCount} times");
        await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(2), CancellationToken.None));
    }

    [Fact]
    public async Task Payload_over_45_KB_round_trips_through_blobs_and_purge_deletes_them()
    {
        var service = await NewServiceAsync();
        string big = "\"" + new string('x', 100_000) + "\"";
        await service.CreateInstanceAsync(StartMessage("large", big));
        var first = await LockOrchestrationAsync(service);
        Assert.Equal(big, Assert.IsType<ExecutionStarted>(first.NewMessages[0].Event).Input);
        var scheduled = new TaskScheduled(0, DateTimeOffset.UtcNow, "Echo", big);
        await service.CompleteOrchestrationWorkItemAsync(first,
            Checkpoint(first, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled], activities: [new TaskMessage("large", null, scheduled)]), CancellationToken.None);

        var activity = await service.LockNextActivityWorkItemAsync(Wait, CancellationToken.None);
        Assert.Equal(big, activity!.Scheduled.Input);
        await service.CompleteActivityWorkItemAsync(activity, new TaskMessage("large", null, new TaskCompleted(DateTimeOffset.UtcNow, 0, big)), CancellationToken.None);
        var second = await LockOrchestrationAsync(service);
        Assert.Equal(big, Assert.IsType<TaskCompleted>(second.NewMessages[0].Event).Result);
        Assert.Equal(big, second.PastEvents.OfType<TaskScheduled>().Single().Input);
        await service.CompleteOrchestrationWorkItemAsync(second, Checkpoint(second, OrchestrationRuntimeStatus.Completed, big), CancellationToken.None);

        var state = await service.GetStateAsync("large", includeInputsAndOutputs: true);
        Assert.Equal(big, state!.Input);
        Assert.Equal(big, state.Output);
        Assert.Equal(big, (await service.GetHistoryAsync("large")).OfType<TaskCompleted>().Single().Result);
        Assert.NotEmpty(await service.LargeMessages.ListNamesAsync(LargePayloads.BlobPrefix("large"), default));

        Assert.Equal(1, await service.PurgeInstanceAsync("large"));
        Assert.Empty(await service.LargeMessages.ListNamesAsync(LargePayloads.BlobPrefix("large"), default));
        Assert.Null(await service.GetStateAsync("large", false));
        Assert.Empty(await service.GetHistoryAsync("large"));
    }

    [Fact]
    public async Task Control_message_dequeued_more_than_MaxDequeueCount_goes_to_poison_and_fails_the_instance()
    {
        var service = await NewServiceAsync(o => o.MaxDequeueCount = 2);
        await RunToAsync(service, "poison", OrchestrationRuntimeStatus.Running);
        await service.SendTaskMessageAsync(new TaskMessage("poison", null, new EventRaised(DateTimeOffset.UtcNow, "Crash", null)));
        for (int i = 0; i < 2; i++)
        {
            var workItem = await LockOrchestrationAsync(service);
            Assert.Equal(i + 1, workItem.DequeueCount);
            await service.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None);
        }
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(2), CancellationToken.None));

        var state = await service.GetStateAsync("poison", false);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state!.RuntimeStatus);
        Assert.Equal("PoisonMessage", state.Failure!.ErrorType);
        Assert.Contains("EventRaised", state.Failure.ErrorMessage);
        var poisoned = Assert.Single(await service.PoisonQueue.PeekAsync(32, default));
        Assert.Contains("poison", poisoned.Text);
    }

    [Fact]
    public async Task Poisoned_activity_reaches_its_orchestration_as_TaskFailed()
    {
        var service = await NewServiceAsync(o => o.MaxDequeueCount = 1);
        await service.CreateInstanceAsync(StartMessage("poison-activity"));
        var first = await LockOrchestrationAsync(service);
        var scheduled = new TaskScheduled(7, DateTimeOffset.UtcNow, "Boom", null);
        await service.CompleteOrchestrationWorkItemAsync(first,
            Checkpoint(first, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled], activities: [new TaskMessage("poison-activity", null, scheduled)]), CancellationToken.None);

        var activity = await service.LockNextActivityWorkItemAsync(Wait, CancellationToken.None);
        await service.AbandonActivityWorkItemAsync(activity!, CancellationToken.None);
        Assert.Null(await service.LockNextActivityWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        var second = await LockOrchestrationAsync(service);
        var failed = Assert.IsType<TaskFailed>(Assert.Single(second.NewMessages).Event);
        Assert.Equal(7, failed.TaskScheduledId);
        Assert.Equal("PoisonMessage", failed.Failure.ErrorType);
        Assert.Contains("poison message", failed.Failure.ErrorMessage);
        Assert.Single(await service.PoisonQueue.PeekAsync(32, default));
        await service.CompleteOrchestrationWorkItemAsync(second, Checkpoint(second, OrchestrationRuntimeStatus.Failed), CancellationToken.None);
    }

    [Fact]
    public async Task Query_pages_and_filters_by_prefix_status_and_creation_time()
    {
        var service = await NewServiceAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (int i = 0; i < 5; i++) await RunToAsync(service, $"q-a/{i}", OrchestrationRuntimeStatus.Completed);
        for (int i = 0; i < 3; i++) await RunToAsync(service, $"q-b-{i}", OrchestrationRuntimeStatus.Running);
        await service.CreateInstanceAsync(StartMessage("q-c"));

        async Task<List<OrchestrationState>> All(OrchestrationQuery query)
        {
            var all = new List<OrchestrationState>();
            string? token = null;
            int pages = 0;
            do
            {
                var page = await service.QueryAsync(query with { ContinuationToken = token });
                Assert.True(page.Instances.Count <= query.PageSize);
                all.AddRange(page.Instances);
                token = page.ContinuationToken;
                Assert.True(++pages < 50);
            }
            while (token is not null);
            return all;
        }

        Assert.Equal(9, (await All(new OrchestrationQuery(PageSize: 2))).Count);
        var prefixed = await All(new OrchestrationQuery(InstanceIdPrefix: "q-a/", PageSize: 2));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"q-a/{i}"), prefixed.Select(s => s.InstanceId).Order());
        var running = await All(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize: 100));
        Assert.Equal(["q-b-0", "q-b-1", "q-b-2", "q-c"], running.Select(s => s.InstanceId).Order());
        Assert.Equal(9, (await All(new OrchestrationQuery(CreatedFrom: before, CreatedTo: DateTimeOffset.UtcNow.AddSeconds(1)))).Count);
        Assert.Empty(await All(new OrchestrationQuery(CreatedFrom: DateTimeOffset.UtcNow.AddHours(1))));
        var withInputs = await service.QueryAsync(new OrchestrationQuery(InstanceIdPrefix: "q-c", IncludeInputsAndOutputs: true));
        Assert.Equal("q-c", Assert.Single(withInputs.Instances).InstanceId);
    }

    [Fact]
    public async Task Purge_removes_terminal_instances_with_their_history_and_leaves_running_ones()
    {
        var service = await NewServiceAsync();
        await RunToAsync(service, "purge-done", OrchestrationRuntimeStatus.Completed);
        await RunToAsync(service, "purge-failed", OrchestrationRuntimeStatus.Failed);
        await RunToAsync(service, "purge-running", OrchestrationRuntimeStatus.Running);

        Assert.Equal(0, await service.PurgeInstanceAsync("purge-running"));
        Assert.Equal(0, await service.PurgeInstanceAsync("no-such-instance"));
        Assert.Equal(1, await service.PurgeInstanceAsync("purge-done"));
        Assert.Null(await service.GetStateAsync("purge-done", false));
        Assert.Empty(await service.GetHistoryAsync("purge-done"));

        Assert.Equal(1, await service.PurgeInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UtcNow.AddHours(-1))));
        Assert.Null(await service.GetStateAsync("purge-failed", false));
        Assert.NotNull(await service.GetStateAsync("purge-running", false));
        Assert.NotEmpty(await service.GetHistoryAsync("purge-running"));
        var rows = await service.HistoryTable.QueryAsync(TableFilter.Equal("PartitionKey", "purge-failed"), null, null, null, default);
        Assert.Empty(rows.Rows);
    }

    [Fact]
    public async Task Continue_as_new_starts_a_fresh_execution_and_redelivers_carried_over_events()
    {
        var service = await NewServiceAsync();
        await RunToAsync(service, "can", OrchestrationRuntimeStatus.Running);
        await service.SendTaskMessageAsync(new TaskMessage("can", null, new EventRaised(DateTimeOffset.UtcNow, "Restart", null)));
        var workItem = await LockOrchestrationAsync(service);
        var next = new ExecutionStarted(DateTimeOffset.UtcNow, "TestOrchestration", "can", Guid.NewGuid().ToString("N"), "\"round 2\"");
        var carried = new TaskMessage("can", null, new EventRaised(DateTimeOffset.UtcNow, "Early", "1"));
        var checkpoint = Checkpoint(workItem, OrchestrationRuntimeStatus.ContinuedAsNew);
        await service.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationCheckpoint
        {
            NewEvents = [.. checkpoint.NewEvents, new ContinuedAsNew(DateTimeOffset.UtcNow, "\"round 2\"")],
            NewState = checkpoint.NewState,
            ContinueAsNewStart = next,
            CarryOverMessages = [carried],
        }, CancellationToken.None);

        var events = new List<TaskMessage>();
        OrchestrationWorkItem? fresh = null;
        while (events.Count < 2)
        {
            fresh = await LockOrchestrationAsync(service);
            Assert.Empty(fresh.PastEvents);
            events.AddRange(fresh.NewMessages);
            if (events.Count < 2) await service.AbandonOrchestrationWorkItemAsync(fresh, CancellationToken.None);
        }
        Assert.Equal(next, events[0].Event);
        Assert.Equal("Early", Assert.IsType<EventRaised>(events[1].Event).Name);
        await service.CompleteOrchestrationWorkItemAsync(fresh!, Checkpoint(fresh!, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        var history = await service.GetHistoryAsync("can");
        Assert.Equal(next.ExecutionId, history.OfType<ExecutionStarted>().Single().ExecutionId);
    }

    [Fact]
    public async Task Activities_of_one_episode_share_queue_messages_and_an_abandoned_item_reruns_its_whole_message()
    {
        var service = await NewServiceAsync(o =>
        {
            o.MaxActivitiesPerMessage = 16;
            o.LocalResultDelivery = false; // results through the control queue
        });
        await service.CreateInstanceAsync(StartMessage("batch"));
        var first = await LockOrchestrationAsync(service);
        string executionId = ((ExecutionStarted)first.NewMessages[0].Event).ExecutionId;
        var scheduled = Enumerable.Range(0, 40).Select(i => new TaskScheduled(i, DateTimeOffset.UtcNow, "Echo", i.ToString())).ToList();
        await service.CompleteOrchestrationWorkItemAsync(first, Checkpoint(first, OrchestrationRuntimeStatus.Running, extraEvents: scheduled,
            activities: [.. scheduled.Select(s => new TaskMessage("batch", executionId, s))]), CancellationToken.None);
        Assert.Equal(3, service.WorkItemQueueMessagesSent); // 16 + 16 + 8
        Assert.Equal(3, (await service.WorkItemQueue.PeekAsync(32, default)).Count);

        var items = new List<ActivityWorkItem>();
        while (items.Count < 40) items.Add((await service.LockNextActivityWorkItemAsync(Wait, CancellationToken.None))!);
        Assert.Equal(Enumerable.Range(0, 40), items.Select(a => a.Scheduled.EventId).Order());
        TaskMessage Result(ActivityWorkItem a) => new("batch", executionId, new TaskCompleted(DateTimeOffset.UtcNow, a.Scheduled.EventId, a.Scheduled.Input));

        var abandoned = items[0];
        await service.AbandonActivityWorkItemAsync(abandoned, CancellationToken.None);
        await Task.WhenAll(items.Skip(1).Select(a => service.CompleteActivityWorkItemAsync(a, Result(a), CancellationToken.None)));

        // The abandoned item's message comes back with every item it carries (at least once); the other two are gone.
        var again = new List<ActivityWorkItem>();
        while (await service.LockNextActivityWorkItemAsync(TimeSpan.FromSeconds(3), CancellationToken.None) is { } a) again.Add(a);
        Assert.Contains(again, a => a.Scheduled.EventId == abandoned.Scheduled.EventId);
        Assert.Contains(again.Count, new[] { 8, 16 });
        Assert.All(again, a => Assert.Equal(2, a.DequeueCount));
        await Task.WhenAll(again.Select(a => service.CompleteActivityWorkItemAsync(a, Result(a), CancellationToken.None)));
        Assert.Empty(await service.WorkItemQueue.PeekAsync(32, default));

        // Every task's result reaches the instance (duplicates are the dispatcher's to drop), in fewer queue messages than results.
        var results = new List<TaskCompleted>();
        while (results.Select(r => r.TaskScheduledId).Distinct().Count() < 40)
        {
            var next = await LockOrchestrationAsync(service);
            results.AddRange(next.NewMessages.Select(m => m.Event).OfType<TaskCompleted>());
            await service.CompleteOrchestrationWorkItemAsync(next, Checkpoint(next, OrchestrationRuntimeStatus.Running), CancellationToken.None);
        }
        Assert.Equal(39 + again.Count, results.Count);
        Assert.True(service.ControlQueueBatchMessagesSent < results.Count, $"{service.ControlQueueBatchMessagesSent} control messages for {results.Count} results");
    }

    [Fact]
    public async Task Results_for_several_instances_share_a_control_message_and_an_abandoned_part_comes_back_alone()
    {
        var service = await NewServiceAsync(o => o.PartitionCount = 1);
        var executions = new Dictionary<string, string>();
        foreach (string id in new[] { "share-a", "share-b" })
        {
            await service.CreateInstanceAsync(StartMessage(id));
            var workItem = await LockOrchestrationAsync(service);
            Assert.Equal(id, workItem.InstanceId);
            executions[id] = ((ExecutionStarted)workItem.NewMessages[0].Event).ExecutionId;
            var scheduled = new TaskScheduled(0, DateTimeOffset.UtcNow, "Echo", "1");
            await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled],
                activities: [new TaskMessage(id, executions[id], scheduled)]), CancellationToken.None);
        }

        await service.SendResultsAsync([.. executions.Select(e => new TaskMessage(e.Key, e.Value, new TaskCompleted(DateTimeOffset.UtcNow, 0, "1")))]);
        Assert.Equal(1, service.ControlQueueBatchMessagesSent);

        var first = await LockOrchestrationAsync(service);
        Assert.IsType<TaskCompleted>(Assert.Single(first.NewMessages).Event);
        await service.AbandonOrchestrationWorkItemAsync(first, CancellationToken.None);
        var second = await LockOrchestrationAsync(service);
        Assert.NotEqual(first.InstanceId, second.InstanceId);
        Assert.IsType<TaskCompleted>(Assert.Single(second.NewMessages).Event);
        await service.CompleteOrchestrationWorkItemAsync(second, Checkpoint(second, OrchestrationRuntimeStatus.Completed), CancellationToken.None);

        // The abandoned instance's part came back as a message of its own (first delivery); the shared message is gone.
        var again = await LockOrchestrationAsync(service);
        Assert.Equal(first.InstanceId, again.InstanceId);
        Assert.Equal(1, again.DequeueCount);
        Assert.IsType<TaskCompleted>(Assert.Single(again.NewMessages).Event);
        await service.CompleteOrchestrationWorkItemAsync(again, Checkpoint(again, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Empty(await service.ControlQueue(0).PeekAsync(32, default));
    }

    [Fact]
    public async Task Events_raised_together_share_control_messages_and_each_instance_gets_only_its_own()
    {
        var service = await NewServiceAsync(o => o.PartitionCount = 1);
        var ids = Enumerable.Range(0, 20).Select(i => $"ev-{i:D2}").ToList();
        foreach (string id in ids) await RunToAsync(service, id, OrchestrationRuntimeStatus.Running);

        await Task.WhenAll(ids.Select(id =>
            service.SendTaskMessageAsync(new TaskMessage(id, null, new EventRaised(DateTimeOffset.UtcNow, "go", $"\"{id}\"", "d-" + id)))));
        Assert.InRange(service.ControlQueueBatchMessagesSent, 1, ids.Count - 1);

        var received = new Dictionary<string, EventRaised>();
        while (received.Count < ids.Count)
        {
            var workItem = await LockOrchestrationAsync(service);
            var raised = Assert.IsType<EventRaised>(Assert.Single(workItem.NewMessages).Event);
            Assert.Equal($"\"{workItem.InstanceId}\"", raised.Input);
            Assert.Equal("d-" + workItem.InstanceId, raised.DeliveryId);
            Assert.True(received.TryAdd(workItem.InstanceId, raised), $"{workItem.InstanceId} got its event twice");
            await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, OrchestrationRuntimeStatus.Running), CancellationToken.None);
        }
        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(0, await service.ControlQueue(0).GetApproximateCountAsync(default));
    }

    [Fact]
    public async Task A_result_handed_over_in_memory_keeps_its_work_item_until_committed_and_goes_to_the_queue_on_hand_over()
    {
        string hub = AzuriteFixture.NewTaskHubName();
        var service = await NewServiceAsync(hub: hub);
        await service.CreateInstanceAsync(StartMessage("local"));
        var first = await LockOrchestrationAsync(service);
        string executionId = ((ExecutionStarted)first.NewMessages[0].Event).ExecutionId;
        var scheduled = new TaskScheduled(0, DateTimeOffset.UtcNow, "Echo", "1");
        await service.CompleteOrchestrationWorkItemAsync(first, Checkpoint(first, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled],
            activities: [new TaskMessage("local", executionId, scheduled)]), CancellationToken.None);

        var activity = await service.LockNextActivityWorkItemAsync(Wait, CancellationToken.None);
        await service.CompleteActivityWorkItemAsync(activity!, new TaskMessage("local", executionId, new TaskCompleted(DateTimeOffset.UtcNow, 0, "1")), CancellationToken.None);
        Assert.Equal(0, service.ControlQueueBatchMessagesSent); // this worker owns the partition: handed over in memory
        Assert.Equal(1, await service.WorkItemQueue.GetApproximateCountAsync(default)); // kept until an episode commits the result

        // The worker stops before any episode applied the result: the result goes to the control queue, the work item is deleted.
        await service.DisposeAsync();
        var other = await NewServiceAsync(hub: hub);
        Assert.Equal(0, await other.WorkItemQueue.GetApproximateCountAsync(default));
        var second = await LockOrchestrationAsync(other);
        Assert.IsType<TaskCompleted>(Assert.Single(second.NewMessages).Event);
        var scheduled2 = new TaskScheduled(1, DateTimeOffset.UtcNow, "Echo", "2");
        await other.CompleteOrchestrationWorkItemAsync(second, Checkpoint(second, OrchestrationRuntimeStatus.Running, extraEvents: [scheduled2],
            activities: [new TaskMessage("local", executionId, scheduled2)]), CancellationToken.None);

        // In memory again (the new worker also re-sent the first episode's activity: its cache was cold); the work items
        // go when the episode applying the results commits.
        var ran = new List<int>();
        while (await other.LockNextActivityWorkItemAsync(TimeSpan.FromSeconds(2), CancellationToken.None) is { } a)
        {
            await other.CompleteActivityWorkItemAsync(a, new TaskMessage("local", executionId, new TaskCompleted(DateTimeOffset.UtcNow, a.Scheduled.EventId, "2")), CancellationToken.None);
            ran.Add(a.Scheduled.EventId);
        }
        Assert.Contains(1, ran);
        Assert.True(await other.WorkItemQueue.GetApproximateCountAsync(default) >= 1);
        var third = await LockOrchestrationAsync(other);
        Assert.Contains(third.NewMessages, m => m.Event is TaskCompleted { TaskScheduledId: 1 });
        await other.CompleteOrchestrationWorkItemAsync(third, Checkpoint(third, OrchestrationRuntimeStatus.Completed), CancellationToken.None);
        Assert.Equal(0, await other.WorkItemQueue.GetApproximateCountAsync(default));
        Assert.Equal(0, other.ControlQueueBatchMessagesSent);
    }

    [Fact]
    public void Options_validation_names_the_bad_key()
    {
        var options = azurite.NewOptions();
        options.PartitionCount = 17;
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("PartitionCount", error.Message);
        options.PartitionCount = 4;
        options.TaskHubName = "bad-name";
        Assert.Contains("TaskHubName", Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
