namespace SesReview.Notifications;

/// <summary>What a notification is for; recorded in the ledger and the outbox, shown on the outbox page.</summary>
public enum NotificationKind
{
    TaskAssigned,
    Reminder,
    Escalation,
    Warning,
    SignOffRequest,
    Submission,
}
