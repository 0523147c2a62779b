namespace SesReview.Notifications.Outbox;

/// <summary>A message in the outbox list (no bodies, no attachment bytes).</summary>
public sealed record OutboxListItem(
    string OutboxId, string CycleId, string MessageKey, NotificationKind Kind, IReadOnlyList<string> To, string Subject,
    DateTimeOffset SentAt, int AttachmentCount, string? AttachmentSha256, ActionLink? Action);

/// <summary>One page of the outbox list, with the number of messages in all.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxListItem> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A message read back from the outbox with everything it was sent with, attachments included.</summary>
public sealed record OutboxItem(string OutboxId, DateTimeOffset SentAt, string? AttachmentSha256, NotificationMessage Message);

/// <summary>Reads the local outbox, for the host's <c>/outbox</c> page and for end-to-end tests.</summary>
public interface IOutboxReader
{
    /// <summary>Messages newest first, optionally of one cycle, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<OutboxListItem>> ListAsync(string? cycleId = null, int take = 200, CancellationToken cancellationToken = default);

    /// <summary>Page <paramref name="page"/> (from 1) of the messages, newest first, optionally of one cycle.</summary>
    Task<OutboxPage> ListPageAsync(string? cycleId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>One message with its attachments, or null.</summary>
    Task<OutboxItem?> GetAsync(string cycleId, string messageKey, CancellationToken cancellationToken = default);
}
