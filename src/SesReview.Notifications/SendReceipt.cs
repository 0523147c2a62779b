namespace SesReview.Notifications;

/// <summary>
/// Proof that a message left (or had already left) the system.
/// <paramref name="ProviderMessageId"/>: Graph's internetMessageId (or message id when Graph gave none) or the outbox id.
/// <paramref name="AttachmentSha256"/>: lowercase hex SHA-256 of the single attachment; with several attachments, the
/// SHA-256 of the lines "{file name}:{sha256}\n" in order; null without attachments.
/// <paramref name="AlreadySent"/>: true when this call sent nothing because the message had been sent before.
/// </summary>
public sealed record SendReceipt(
    string CycleId,
    string MessageKey,
    string ProviderMessageId,
    DateTimeOffset SentAt,
    string? AttachmentSha256,
    bool AlreadySent);
