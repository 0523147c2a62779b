using Durable.AzureStorage;
using Durable.Backend;
using Durable.History;

namespace Durable.Tests.AzureStorage;

/// <summary>Builds messages and checkpoints the way the dispatcher would, for backend-level tests.</summary>
internal static class AzureStorageTestKit
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static TaskMessage StartMessage(string instanceId, string? input = null, string name = "TestOrchestration")
    {
        string executionId = Guid.NewGuid().ToString("N");
        return new TaskMessage(instanceId, executionId, new ExecutionStarted(DateTimeOffset.UtcNow, name, instanceId, executionId, input));
    }

    public static OrchestrationState State(OrchestrationWorkItem workItem, OrchestrationRuntimeStatus status, string? output = null)
    {
        var start = workItem.PastEvents.Concat(workItem.NewMessages.Select(m => m.Event)).OfType<ExecutionStarted>().First();
        var now = DateTimeOffset.UtcNow;
        return new OrchestrationState
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = start.ExecutionId,
            Name = start.Name,
            RuntimeStatus = status,
            CreatedAt = workItem.State?.CreatedAt ?? now,
            LastUpdatedAt = now,
            CompletedAt = status.IsTerminal() ? now : null,
            Input = start.Input,
            Output = output,
        };
    }

    /// <summary>A checkpoint that records the new messages' events and ends the episode with <paramref name="status"/>.</summary>
    public static OrchestrationCheckpoint Checkpoint(OrchestrationWorkItem workItem, OrchestrationRuntimeStatus status, string? output = null,
        IReadOnlyList<HistoryEvent>? extraEvents = null, IReadOnlyList<TaskMessage>? activities = null, IReadOnlyList<TaskMessage>? timers = null)
    {
        var events = new List<HistoryEvent> { new OrchestratorStarted(DateTimeOffset.UtcNow) };
        events.AddRange(workItem.NewMessages.Select(m => m.Event));
        events.AddRange(extraEvents ?? []);
        if (status.IsTerminal()) events.Add(new ExecutionCompleted(DateTimeOffset.UtcNow, status, output, null));
        events.Add(new OrchestratorCompleted(DateTimeOffset.UtcNow));
        return new OrchestrationCheckpoint
        {
            NewEvents = events,
            NewState = State(workItem, status, output),
            ActivityMessages = activities ?? [],
            TimerMessages = timers ?? [],
        };
    }

    public static async Task<OrchestrationWorkItem> LockOrchestrationAsync(AzureStorageOrchestrationService service, TimeSpan? wait = null)
    {
        var workItem = await service.LockNextOrchestrationWorkItemAsync(wait ?? Wait, CancellationToken.None);
        Assert.NotNull(workItem);
        return workItem;
    }

    /// <summary>Creates <paramref name="instanceId"/> and runs its first episode to <paramref name="status"/>.</summary>
    public static async Task RunToAsync(AzureStorageOrchestrationService service, string instanceId, OrchestrationRuntimeStatus status, string? input = null, string? output = null)
    {
        await service.CreateInstanceAsync(StartMessage(instanceId, input));
        var workItem = await LockOrchestrationAsync(service);
        Assert.Equal(instanceId, workItem.InstanceId);
        await service.CompleteOrchestrationWorkItemAsync(workItem, Checkpoint(workItem, status, output), CancellationToken.None);
    }
}
