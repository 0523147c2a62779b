using SesReview.Notifications;
using SesReview.Notifications.Templates;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Activities;

/// <summary>Wraps a rendered template into a message to one person, with the task link as the Teams/outbox action.</summary>
internal static class NotificationBuilder
{
    public static NotificationMessage To(
        Person person, string cycleId, string messageKey, NotificationKind kind, RenderedTemplate content, string? link, string linkLabel) =>
        NotificationMessage.Create(cycleId, messageKey, kind, [person.Email], content) with
        {
            Action = link is null ? null : new ActionLink(link, linkLabel),
            TeamsRecipientUserId = link is null ? null : person.TeamsUserId,
        };
}
