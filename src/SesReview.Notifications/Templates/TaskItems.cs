namespace SesReview.Notifications.Templates;

/// <summary>What a task's count counts: positions to decide (designation review) or components to propose for (allocation review).</summary>
public enum TaskItems
{
    Positions,
    Components,
}
