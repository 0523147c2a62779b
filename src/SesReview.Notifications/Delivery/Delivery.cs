namespace SesReview.Notifications.Delivery;

/// <summary>What a channel is asked to do for one attempt.</summary>
/// <param name="PartitionKey">Sanitized cycle id.</param>
/// <param name="RowKey">Sanitized message key.</param>
/// <param name="AttachmentSha256">Hash of the attachments (see <see cref="SendReceipt"/>).</param>
/// <param name="Recovering">True when an earlier attempt reserved this key and did not record it as sent: it may have
/// delivered the message, partly or fully, so the channel must look before it sends.</param>
public sealed record DeliveryContext(string PartitionKey, string RowKey, string? AttachmentSha256, bool Recovering);

/// <summary>What the channel reports back: its id for the message and when it left.</summary>
public sealed record DeliveryResult(string ProviderMessageId, DateTimeOffset SentAt);
