namespace SesReview.Notifications;

/// <summary>
/// Sends notifications <b>exactly once per (cycle id, message key)</b>, also when called again after a crash or by an
/// activity retry: callers may (and should) simply call again with the same message. A repeat returns the first
/// receipt with <see cref="SendReceipt.AlreadySent"/> = true. Throws <see cref="ArgumentException"/> for a message that
/// can never be sent (e.g. <see cref="AttachmentTooLargeException"/>) and <see cref="NotificationInProgressException"/>
/// while another attempt may still be sending the same key (retry later).
/// </summary>
public interface INotificationSender
{
    Task<SendReceipt> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default);
}
