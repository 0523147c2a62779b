using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SesReview.Notifications.Delivery;
using SesReview.Notifications.Storage;

namespace SesReview.Notifications.Outbox;

/// <summary>
/// The local channel: "sending" stores the message in the outbox (table + blobs), where the <c>/outbox</c> page shows
/// it. Same ledger protocol as Graph. Delivery is idempotent by itself: the outbox row is keyed like the ledger row and
/// written with insert-only semantics, so a retry after a crash finds the row the earlier attempt wrote and reports it.
/// </summary>
public sealed class OutboxNotificationSender : LedgeredNotificationSender, IOutboxReader
{
    private readonly IOutboxStore _store;

    public OutboxNotificationSender(ILedgerStore ledger, IOutboxStore store, TimeProvider? time = null, ILogger<OutboxNotificationSender>? logger = null)
        : base(ledger, time ?? TimeProvider.System, TimeSpan.Zero, logger ?? NullLogger<OutboxNotificationSender>.Instance)
    {
        _store = store;
    }

    protected override string ChannelName => "Outbox";

    protected override bool DeliveryIsIdempotent => true;

    protected override async Task<DeliveryResult> DeliverAsync(NotificationMessage message, DeliveryContext context, CancellationToken cancellationToken)
    {
        if (context.Recovering && await _store.GetAsync(context.PartitionKey, context.RowKey, cancellationToken).ConfigureAwait(false) is { } earlier)
            return new DeliveryResult(earlier.OutboxId, earlier.SentAt);

        var record = new OutboxRecord
        {
            PartitionKey = context.PartitionKey,
            RowKey = context.RowKey,
            OutboxId = $"outbox-{Guid.NewGuid():N}",
            SentAt = Time.GetUtcNow(),
            AttachmentSha256 = context.AttachmentSha256,
            Message = message,
        };
        if (await _store.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
        {
            Logger.LogInformation("Outbox: {Kind} {MessageKey} of cycle {CycleId} to {To}: {Subject}",
                message.Kind, message.MessageKey, message.CycleId, string.Join(", ", message.To), message.Subject);
            return new DeliveryResult(record.OutboxId, record.SentAt);
        }
        var stored = await _store.GetAsync(context.PartitionKey, context.RowKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Outbox row {context.PartitionKey}/{context.RowKey} conflicted on insert but cannot be read.");
        return new DeliveryResult(stored.OutboxId, stored.SentAt);
    }

    public async Task<IReadOnlyList<OutboxListItem>> ListAsync(string? cycleId = null, int take = 200, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return (await ListPageAsync(cycleId, 1, take, cancellationToken).ConfigureAwait(false)).Items;
    }

    public async Task<OutboxPage> ListPageAsync(string? cycleId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var (rows, total) = await _store.ListAsync(cycleId is null ? null : TableKeys.Sanitize(cycleId), (page - 1) * pageSize, pageSize, cancellationToken)
            .ConfigureAwait(false);
        return new OutboxPage([.. rows.Select(r => new OutboxListItem(r.OutboxId, r.CycleId, r.MessageKey, r.Kind, r.To, r.Subject, r.SentAt,
            r.AttachmentCount, r.AttachmentSha256, r.Action))], page, pageSize, total);
    }

    public async Task<OutboxItem?> GetAsync(string cycleId, string messageKey, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetAsync(TableKeys.Sanitize(cycleId), TableKeys.Sanitize(messageKey), cancellationToken).ConfigureAwait(false);
        return record is null ? null : new OutboxItem(record.OutboxId, record.SentAt, record.AttachmentSha256, record.Message);
    }
}
