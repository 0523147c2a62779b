using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace SesReview.Functions.Durable;

/// <summary>
/// The <see cref="DurableTaskClient"/> the workflows' services get from DI in the Functions worker. On Functions a client
/// exists only as the <c>[DurableClient]</c> input binding of an invocation (the extension builds it from binding data the
/// host sends: its gRPC endpoint, task hub and connection), and the extension exposes no public client provider. So every
/// function whose code may need a client declares the binding and runs its work inside <see cref="Use"/>; this singleton
/// forwards each call to the client of the invocation it runs in. A singleton (not a scoped service) because
/// <c>CycleService</c>, <c>ApprovalService</c> and <c>CycleLiveness</c> are singletons that take the client in their
/// constructors.
/// </summary>
public sealed class InvocationDurableTaskClient() : DurableTaskClient("functions-invocation")
{
    private static readonly AsyncLocal<DurableTaskClient?> Bound = new();

    /// <summary>Makes <paramref name="client"/> the one this invocation's code reaches, until the result is disposed.</summary>
    public static IDisposable Use(DurableTaskClient client)
    {
        var previous = Bound.Value;
        Bound.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Bound.Value = previous;
    }

    private static DurableTaskClient Current => Bound.Value ?? throw new InvalidOperationException(
        "No DurableTaskClient is bound to this invocation: give the function a [DurableClient] DurableTaskClient parameter and run its work inside InvocationDurableTaskClient.Use.");

    public override DurableEntityClient Entities => Current.Entities;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        Current.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Current.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Current.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Current.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Current.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Current.GetAllInstancesAsync(filter);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Current.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        Current.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default) =>
        Current.RewindInstanceAsync(instanceId, reason, cancellation);

    public override Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Current.GetOrchestrationHistoryAsync(instanceId, cancellation);

    public override Task<Page<string>> ListInstanceIdsAsync(
        IEnumerable<OrchestrationRuntimeStatus>? runtimeStatus = null, DateTimeOffset? completedTimeFrom = null, DateTimeOffset? completedTimeTo = null,
        int pageSize = 100, string? lastInstanceKey = null, CancellationToken cancellation = default) =>
        Current.ListInstanceIdsAsync(runtimeStatus, completedTimeFrom, completedTimeTo, pageSize, lastInstanceKey, cancellation);

    /// <summary>Nothing to dispose: the bound clients belong to the Durable extension, which caches and disposes them.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
