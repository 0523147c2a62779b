using Microsoft.Extensions.Logging;
using SesReview.Notifications.Storage;

namespace SesReview.Notifications.Delivery;

/// <summary>
/// The exactly-once protocol shared by every channel. Per (cycle, message key) one ledger row goes
/// <c>Reserved → Sent</c>:
/// <list type="number">
/// <item>No row: insert it as Reserved (insert fails if another attempt got there first) and deliver.</item>
/// <item>Row Sent: return the stored receipt with <c>AlreadySent = true</c>; nothing is delivered.</item>
/// <item>Row Reserved: an earlier attempt crashed (or is still running, or failed and released the row). The row is
/// taken over with a conditional write (only one attempt can win) and the channel delivers in <em>recovery</em> mode,
/// in which it first looks for what the earlier attempt left behind. A reservation younger than the grace period and
/// not released is treated as still running: <see cref="NotificationInProgressException"/>, unless the channel's
/// delivery is idempotent by itself (the outbox).</item>
/// </list>
/// When delivery throws, the row is released (attempt cleared, error kept) so the next retry recovers at once.
/// Exactly-once therefore rests on the channel's recovery: given the row says "maybe sent", it must find out.
/// </summary>
public abstract class LedgeredNotificationSender : INotificationSender
{
    private readonly ILedgerStore _ledger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;

    protected LedgeredNotificationSender(ILedgerStore ledger, TimeProvider time, TimeSpan inFlightGracePeriod, ILogger logger)
    {
        _ledger = ledger;
        _time = time;
        _grace = inFlightGracePeriod;
        Logger = logger;
    }

    protected ILogger Logger { get; }

    /// <summary>Recorded in the ledger row.</summary>
    protected abstract string ChannelName { get; }

    /// <summary>True when delivering the same message twice has the effect of delivering it once (then reservations of
    /// running attempts need not be waited for).</summary>
    protected virtual bool DeliveryIsIdempotent => false;

    protected TimeProvider Time => _time;

    public async Task<SendReceipt> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        string pk = TableKeys.Sanitize(message.CycleId);
        string rk = TableKeys.Sanitize(message.MessageKey);
        string? hash = AttachmentHash.Compute(message.Attachments);
        string attempt = Guid.NewGuid().ToString("N");
        var now = _time.GetUtcNow();

        LedgerEntry? held = null;
        bool recovering = false;
        var existing = await _ledger.GetAsync(pk, rk, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            held = await _ledger.TryInsertAsync(new LedgerEntry
            {
                PartitionKey = pk,
                RowKey = rk,
                CycleId = message.CycleId,
                MessageKey = message.MessageKey,
                Kind = message.Kind.ToString(),
                Channel = ChannelName,
                State = LedgerState.Reserved,
                AttemptId = attempt,
                Attempts = 1,
                ReservedAt = now,
                AttachmentSha256 = hash,
            }, cancellationToken).ConfigureAwait(false);
            if (held is null)
                existing = await _ledger.GetAsync(pk, rk, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Ledger row {pk}/{rk} conflicted on insert but cannot be read.");
        }

        if (held is null)
        {
            ArgumentNullException.ThrowIfNull(existing);
            if (existing.State == LedgerState.Sent)
            {
                Logger.LogInformation("Notification {MessageKey} of cycle {CycleId} was already sent ({ProviderMessageId}); not sending again.",
                    message.MessageKey, message.CycleId, existing.ProviderMessageId);
                return existing.ToReceipt(alreadySent: true);
            }
            bool mayBeRunning = existing.AttemptId is not null && now - existing.ReservedAt < _grace;
            if (mayBeRunning && !DeliveryIsIdempotent)
                throw new NotificationInProgressException(message.CycleId, message.MessageKey, existing.ReservedAt + _grace - now);
            held = await _ledger.TryReplaceAsync(existing with
            {
                AttemptId = attempt,
                Attempts = existing.Attempts + 1,
                ReservedAt = now,
                AttachmentSha256 = hash,
            }, cancellationToken).ConfigureAwait(false);
            if (held is null)
                throw new NotificationInProgressException(message.CycleId, message.MessageKey, _grace);
            recovering = true;
            Logger.LogWarning("Notification {MessageKey} of cycle {CycleId} was reserved by an earlier attempt at {ReservedAt} but not recorded as sent; recovering (attempt {Attempt}).",
                message.MessageKey, message.CycleId, existing.ReservedAt, held.Attempts);
        }

        DeliveryResult delivered;
        try
        {
            delivered = await DeliverAsync(message, new DeliveryContext(pk, rk, hash, recovering), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await ReleaseAsync(held, e).ConfigureAwait(false);
            throw;
        }

        var receipt = await RecordSentAsync(held, delivered, cancellationToken).ConfigureAwait(false);
        if (!receipt.AlreadySent)
            await AfterSentAsync(message, receipt, cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    /// <summary>Delivers the message. In recovery mode (<see cref="DeliveryContext.Recovering"/>) the channel must first
    /// find out whether an earlier attempt delivered it, and return that attempt's result instead of delivering again.</summary>
    protected abstract Task<DeliveryResult> DeliverAsync(NotificationMessage message, DeliveryContext context, CancellationToken cancellationToken);

    /// <summary>Runs once after the ledger records the message as sent (best-effort side channels such as Teams).
    /// Must not throw for failures of such channels.</summary>
    protected virtual Task AfterSentAsync(NotificationMessage message, SendReceipt receipt, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<SendReceipt> RecordSentAsync(LedgerEntry held, DeliveryResult delivered, CancellationToken ct)
    {
        var sent = held with
        {
            State = LedgerState.Sent,
            ProviderMessageId = delivered.ProviderMessageId,
            SentAt = delivered.SentAt,
            LastError = null,
        };
        // The message has left: record it even if the caller gives up now, or a retry would have to recover again.
        for (int i = 0; i < 5; i++)
        {
            var stored = await _ledger.TryReplaceAsync(sent, CancellationToken.None).ConfigureAwait(false);
            if (stored is not null) return stored.ToReceipt(alreadySent: false);

            // Another attempt took the row over while this one was delivering (only after the grace period).
            var current = await _ledger.GetAsync(held.PartitionKey, held.RowKey, CancellationToken.None).ConfigureAwait(false);
            if (current is { State: LedgerState.Sent })
            {
                Logger.LogWarning("Notification {MessageKey} of cycle {CycleId} was recorded as sent by another attempt ({Theirs}); this attempt delivered {Ours}.",
                    held.MessageKey, held.CycleId, current.ProviderMessageId, delivered.ProviderMessageId);
                return current.ToReceipt(alreadySent: true);
            }
            if (current is null) throw new InvalidOperationException($"Ledger row {held.PartitionKey}/{held.RowKey} disappeared while sending.");
            sent = sent with { ETag = current.ETag, Attempts = current.Attempts };
        }
        ct.ThrowIfCancellationRequested();
        throw new InvalidOperationException($"Could not record notification {held.MessageKey} of cycle {held.CycleId} as sent: the ledger row keeps changing.");
    }

    private async Task ReleaseAsync(LedgerEntry held, Exception error)
    {
        try
        {
            await _ledger.TryReplaceAsync(held with { AttemptId = null, LastError = $"{error.GetType().Name}: {error.Message}" }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception releaseError)
        {
            // The row stays reserved; the next attempt waits out the grace period and then recovers.
            Logger.LogWarning(releaseError, "Could not release the reservation of notification {MessageKey} of cycle {CycleId}.", held.MessageKey, held.CycleId);
        }
    }
}
