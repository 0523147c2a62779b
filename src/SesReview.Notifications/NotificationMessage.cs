namespace SesReview.Notifications;

/// <summary>
/// One notification. <see cref="MessageKey"/> is unique within <see cref="CycleId"/> and is what makes sending
/// exactly-once: a second <see cref="INotificationSender.SendAsync"/> with the same (cycle, key) never sends again,
/// whatever the other fields say. Keys name the purpose, e.g. <c>task/{approver}/initial</c>,
/// <c>reminder/{approver}/2025-03-17</c>, <c>submission/opm</c>.
/// </summary>
public sealed record NotificationMessage
{
    /// <summary>Largest attachment sent inline (base64 in the message). Graph accepts about 3 MB inline; larger files
    /// would need an upload session, which is not implemented: such messages are rejected.</summary>
    public const long MaxInlineAttachmentBytes = 3 * 1024 * 1024;

    public required string CycleId { get; init; }
    public required string MessageKey { get; init; }
    public required NotificationKind Kind { get; init; }
    public required IReadOnlyList<string> To { get; init; }
    public IReadOnlyList<string> Cc { get; init; } = [];
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public string? TextBody { get; init; }
    public IReadOnlyList<NotificationAttachment> Attachments { get; init; } = [];

    /// <summary>The link a Teams activity notification opens (and the outbox page shows as a button).</summary>
    public ActionLink? Action { get; init; }

    /// <summary>Entra object id (or UPN) of the user who also gets a Teams activity-feed notification; needs <see cref="Action"/>.</summary>
    public string? TeamsRecipientUserId { get; init; }

    /// <summary>Builds a message from a rendered template.</summary>
    public static NotificationMessage Create(
        string cycleId, string messageKey, NotificationKind kind, IReadOnlyList<string> to, Templates.RenderedTemplate content) =>
        new()
        {
            CycleId = cycleId,
            MessageKey = messageKey,
            Kind = kind,
            To = to,
            Subject = content.Subject,
            HtmlBody = content.Html,
            TextBody = content.Text,
        };

    /// <summary>Throws <see cref="ArgumentException"/> (or <see cref="AttachmentTooLargeException"/>) naming what is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CycleId)) throw new ArgumentException("A notification needs a cycle id.", nameof(CycleId));
        if (string.IsNullOrWhiteSpace(MessageKey)) throw new ArgumentException("A notification needs a message key.", nameof(MessageKey));
        if (To is null || To.Count == 0 || To.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Notification '{MessageKey}' needs at least one recipient and no blank address.", nameof(To));
        if (Cc is not null && Cc.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Notification '{MessageKey}' has a blank cc address.", nameof(Cc));
        if (string.IsNullOrWhiteSpace(Subject)) throw new ArgumentException($"Notification '{MessageKey}' needs a subject.", nameof(Subject));
        if (HtmlBody is null) throw new ArgumentException($"Notification '{MessageKey}' needs an HTML body.", nameof(HtmlBody));
        foreach (var attachment in Attachments ?? [])
        {
            if (string.IsNullOrWhiteSpace(attachment.FileName))
                throw new ArgumentException($"Notification '{MessageKey}' has an attachment without a file name.", nameof(Attachments));
            if (attachment.Content is null)
                throw new ArgumentException($"Attachment '{attachment.FileName}' of notification '{MessageKey}' has no content.", nameof(Attachments));
            if (attachment.Length > MaxInlineAttachmentBytes)
                throw new AttachmentTooLargeException(attachment.FileName, attachment.Length, MaxInlineAttachmentBytes);
        }
        if (Action is not null && !Uri.TryCreate(Action.Url, UriKind.Absolute, out _))
            throw new ArgumentException($"Notification '{MessageKey}' has an action link that is not an absolute URL: '{Action.Url}'.", nameof(Action));
        if (TeamsRecipientUserId is not null && Action is null)
            throw new ArgumentException($"Notification '{MessageKey}' names a Teams recipient but no action link for the notification to open.", nameof(TeamsRecipientUserId));
    }
}
