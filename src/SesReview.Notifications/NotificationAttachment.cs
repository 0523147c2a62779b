namespace SesReview.Notifications;

/// <summary>A file sent with a message. Graph sends it inline (base64), so it may not exceed
/// <see cref="NotificationMessage.MaxInlineAttachmentBytes"/>.</summary>
public sealed record NotificationAttachment(string FileName, string ContentType, byte[] Content)
{
    public long Length => Content.LongLength;
}
