namespace SesReview.Workflows.Orchestrations;

/// <summary>Registered names of the orchestrators (the names Azure Durable Functions would use as function names).</summary>
public static class OrchestratorNames
{
    public const string DesignationCycle = "DesignationReviewCycle";
    public const string AllocationCycle = "AllocationReviewCycle";
    public const string ApprovalTask = "ApprovalTask";
}

/// <summary>External events the host raises on task orchestrations and the task orchestrations send to their cycle.</summary>
public static class EventNames
{
    /// <summary>
    /// On a task instance, raised by the task page after it recorded decisions, proposals, a sign-off or a delegation
    /// (payload <c>{ "cutOff": false }</c>: the task re-reads its record), or sent by the cycle when the cut-off passes
    /// (<c>{ "cutOff": true }</c>: the task closes).
    /// </summary>
    public const string TaskChanged = "TaskChanged";
    /// <summary>On a cycle instance: a task made progress or became overdue.</summary>
    public const string TaskProgress = "TaskProgress";
}
