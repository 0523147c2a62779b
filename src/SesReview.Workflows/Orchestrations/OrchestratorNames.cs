namespace SesReview.Workflows.Orchestrations;

/// <summary>Registered names of the orchestrators (the names Azure Durable Functions would use as function names).</summary>
public static class OrchestratorNames
{
    public const string DesignationCycle = "DesignationReviewCycle";
    public const string AllocationCycle = "AllocationReviewCycle";
    public const string AssessComponent = "AssessComponent";
    public const string ApprovalTask = "ApprovalTask";
}

/// <summary>External events the host raises on task orchestrations and the task orchestrations send to their cycle.</summary>
public static class EventNames
{
    /// <summary>On a task instance: something changed (decisions or proposals recorded, delegated). The task re-reads its record.</summary>
    public const string TaskChanged = "TaskChanged";
    /// <summary>On a task instance: the cycle's cut-off passed; close the task.</summary>
    public const string CutOff = "CutOff";
    /// <summary>On a cycle instance: a task made progress or became overdue.</summary>
    public const string TaskProgress = "TaskProgress";
    /// <summary>On a cycle instance: the signer answered.</summary>
    public const string SignOff = "SignOff";
}
