using Microsoft.Extensions.Logging;

namespace Durable.Core;

/// <summary>The context handed to orchestrator code; every call lands on its executor, on the orchestrator's thread.</summary>
internal sealed class OrchestrationContextImpl(OrchestrationExecutor executor) : TaskOrchestrationContext
{
    public override string Name => executor.Name;
    public override string InstanceId => executor.InstanceId;
    public override string ExecutionId => executor.ExecutionId;
    public override string? ParentInstanceId => executor.Parent?.InstanceId;
    public override bool IsReplaying => executor.IsReplaying;
    public override DateTime CurrentUtcDateTime => executor.CurrentUtcDateTime.UtcDateTime;

    public override T? GetInput<T>() where T : default => executor.GetInput<T>();

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        return WithRetry(options?.Retry, () => executor.ScheduleTask<TResult>(OrchestrationExecutor.ActionKind.Activity, name, serialized));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        string orchestratorName, object? input = null, string? instanceId = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = DurableJson.Serialize(input);
        return WithRetry(options?.Retry, () => executor.ScheduleTask<TResult>(
            OrchestrationExecutor.ActionKind.SubOrchestration, orchestratorName, serialized, instanceId));
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<TResult>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (number < policy.MaxNumberOfAttempts && policy.Handle(failure))
            {
                await executor.CreateTimer(executor.CurrentUtcDateTime + policy.GetDelay(number), CancellationToken.None);
            }
        }
    }

    public override Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken) =>
        executor.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        executor.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (executor.HasBufferedEvent(eventName) || timeout == Timeout.InfiniteTimeSpan)
        {
            return executor.WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        return WaitWithTimeout<T>(eventName, timeout, cancellationToken);
    }

    private async Task<T> WaitWithTimeout<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = executor.WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        var timer = executor.CreateTimer(executor.CurrentUtcDateTime + timeout, timerCancellation.Token);
        var winner = await Task.WhenAny(received, timer);
        if (winner == received)
        {
            timerCancellation.Cancel();
            return await received;
        }

        eventCancellation.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"No external event '{eventName}' arrived within {timeout} (durable timeout).");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        executor.SendEvent(instanceId, eventName, payload);
    }

    public override void SetCustomStatus(object? customStatus) => executor.SetCustomStatus(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        executor.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => executor.NewGuid();

    public override ILogger CreateReplaySafeLogger(ILogger logger) => executor.CreateReplaySafeLogger(logger);

    public override ILogger CreateReplaySafeLogger(string categoryName) => executor.CreateReplaySafeLogger(categoryName);
}
