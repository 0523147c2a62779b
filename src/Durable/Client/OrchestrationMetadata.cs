using Durable.Backend;
using Durable.History;

namespace Durable.Client;

/// <summary>An instance's status as a client sees it (mirrors the SDK's <c>OrchestrationMetadata</c>). Payloads are JSON text.</summary>
public sealed class OrchestrationMetadata
{
    public OrchestrationMetadata(OrchestrationState state)
    {
        Name = state.Name;
        InstanceId = state.InstanceId;
        RuntimeStatus = state.RuntimeStatus;
        CreatedAt = state.CreatedAt;
        LastUpdatedAt = state.LastUpdatedAt;
        SerializedInput = state.Input;
        SerializedOutput = state.Output;
        SerializedCustomStatus = state.CustomStatus;
        FailureDetails = state.Failure;
        ParentInstanceId = state.Parent?.InstanceId;
    }

    public string Name { get; }
    public string InstanceId { get; }
    public OrchestrationRuntimeStatus RuntimeStatus { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset LastUpdatedAt { get; }

    /// <summary>Null unless the status was read with inputs and outputs.</summary>
    public string? SerializedInput { get; }

    /// <summary>The output when completed; the reason when terminated. Null unless read with inputs and outputs.</summary>
    public string? SerializedOutput { get; }

    public string? SerializedCustomStatus { get; }

    /// <summary>Why the instance failed (includes the failing activity's details as <see cref="FailureDetails.InnerFailure"/>).</summary>
    public FailureDetails? FailureDetails { get; }

    public string? ParentInstanceId { get; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(SerializedInput);
    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(SerializedOutput);
    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(SerializedCustomStatus);

    public override string ToString() => $"{Name} {InstanceId}: {RuntimeStatus}";
}
