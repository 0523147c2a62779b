using Durable.History;

namespace Durable;

/// <summary>
/// Thrown inside an orchestrator when an activity or sub-orchestration it awaited failed. <see cref="FailureDetails"/>
/// carries the remote exception's type, message and stack (the original exception object is not rehydrated).
/// </summary>
public sealed class TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
    : Exception($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
{
    public string TaskName { get; } = taskName;
    public int TaskId { get; } = taskId;
    public FailureDetails FailureDetails { get; } = failureDetails;
}
