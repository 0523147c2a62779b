namespace SesReview.Workflows.Activities;

/// <summary>Registered names of the activities. Each activity may run more than once; each is idempotent (see its summary).</summary>
public static class ActivityNames
{
    public const string LoadInventory = "LoadInventory";
    public const string AssessPositions = "AssessPositions";
    public const string PlanTasks = "PlanTasks";
    public const string SendTaskNotice = "SendTaskNotice";
    public const string GetTaskProgress = "GetTaskProgress";
    public const string Escalate = "Escalate";
    public const string CloseTask = "CloseTask";
    public const string BuildPackage = "BuildPackage";
    public const string WarnDeadlineAtRisk = "WarnDeadlineAtRisk";
    public const string SubmitToOpm = "SubmitToOpm";
    public const string ForecastDeadline = "ForecastDeadline";
}
