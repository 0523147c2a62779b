namespace Durable.History;

/// <summary>Runtime status of an orchestration instance, named as in Durable Functions.</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Terminated,
    Suspended,
}

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, Failed or Terminated: no further work will run for the instance.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
