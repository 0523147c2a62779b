namespace SesReview.Notifications;

/// <summary>
/// Another attempt holds the reservation for this (cycle, message key) and may still be sending. Transient: the caller
/// (a durable activity) should retry after <see cref="RetryAfter"/>; the retry then either sees the message sent or
/// takes over the stale reservation and recovers without a duplicate.
/// </summary>
public sealed class NotificationInProgressException(string cycleId, string messageKey, TimeSpan retryAfter)
    : Exception($"Notification '{messageKey}' of cycle '{cycleId}' is being sent by another attempt; retry after {retryAfter.TotalSeconds:0} s.")
{
    public string CycleId { get; } = cycleId;
    public string MessageKey { get; } = messageKey;
    public TimeSpan RetryAfter { get; } = retryAfter;
}
