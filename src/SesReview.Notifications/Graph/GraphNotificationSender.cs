using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using SesReview.Notifications.Delivery;
using SesReview.Notifications.Storage;

namespace SesReview.Notifications.Graph;

/// <summary>
/// Sends email through Microsoft Graph from <see cref="NotificationOptions.SenderMailbox"/> (application permissions
/// Mail.Send, and Mail.ReadWrite for the drafts and look-ups below) and, for messages with an action link and a Teams recipient, a Teams activity-feed notification
/// (TeamsActivity.Send).
/// <para><b>Why exactly once.</b> A bare <c>sendMail</c> leaves no trace the caller can look up, so after a crash between
/// "Graph accepted it" and "the ledger says Sent" a retry cannot tell whether to send. Instead every message is first
/// created as a draft (<c>POST /users/{sender}/messages</c>) carrying a single-value extended property
/// (<see cref="MessageKeyPropertyId"/>) whose value names the cycle and message key, and then sent
/// (<c>POST /users/{sender}/messages/{id}/send</c>); sending moves the same item to Sent Items, the property travels
/// with it. The ledger (see <see cref="LedgeredNotificationSender"/>) tells a retry that an earlier attempt may have got
/// anywhere; the retry then searches the whole mailbox for the key (one query finds the item in Drafts, Outbox, Sent
/// Items or wherever a rule moved it): a draft → send that draft (never create a second one); an item no longer a draft
/// → it was sent, record it; nothing → no draft was ever created, create and send. Only one attempt can hold the
/// ledger row at a time (conditional writes), so two retries cannot both create a draft.</para>
/// <para><b>Residual windows.</b> (1) If the sent item is deleted from the mailbox (by a person or a retention policy)
/// before a crashed attempt's retry looks, the retry finds nothing and sends again. (2) An attempt still running after
/// <see cref="NotificationOptions.InFlightGracePeriod"/> can race the retry that took over; the retry may send the
/// draft the first attempt created, the first attempt's own send of that item then fails (the item has moved), but if
/// the first attempt had not yet created its draft when the retry looked, both send. Keep the grace period above the
/// longest send. (3) "Sent" means Graph accepted the message (202); delivery to the recipient is Exchange's.
/// (4) Changing <see cref="NotificationOptions.SenderMailbox"/> between attempts hides the earlier attempt's items.</para>
/// <para><b>Teams</b> runs after the ledger records the email, at most once and best-effort: its failure is logged and
/// never fails the send; a crash between the two loses the Teams notification, never the email.</para>
/// </summary>
public sealed class GraphNotificationSender : LedgeredNotificationSender
{
    /// <summary>The MAPI named property (string, in a fixed property set of this product) that carries the key.</summary>
    public const string MessageKeyPropertyId = "String {8bec25f2-ee97-4db7-bf10-f4d3ccbb9ea2} Name SesReviewMessageKey";

    private readonly GraphServiceClient _graph;
    private readonly NotificationOptions _options;

    public GraphNotificationSender(
        GraphServiceClient graph, NotificationOptions options, ILedgerStore ledger, TimeProvider? time = null,
        ILogger<GraphNotificationSender>? logger = null)
        : base(ledger, time ?? TimeProvider.System, options.InFlightGracePeriod, logger ?? NullLogger<GraphNotificationSender>.Instance)
    {
        _graph = graph;
        _options = options;
    }

    protected override string ChannelName => "Graph";

    /// <summary>The extended property's value: unique per (cycle, key), unambiguous whatever the two contain.</summary>
    public static string MessageKeyValue(string cycleId, string messageKey) =>
        $"sesreview:{Uri.EscapeDataString(cycleId)}/{Uri.EscapeDataString(messageKey)}";

    protected override async Task<DeliveryResult> DeliverAsync(NotificationMessage message, DeliveryContext context, CancellationToken cancellationToken)
    {
        string key = MessageKeyValue(message.CycleId, message.MessageKey);
        if (context.Recovering)
        {
            var found = await FindByKeyAsync(key, cancellationToken).ConfigureAwait(false);
            if (SentOf(found) is { } sent)
            {
                Logger.LogWarning("Recovery: {MessageKey} of cycle {CycleId} was already sent ({Id}); recording it without sending.",
                    message.MessageKey, message.CycleId, sent.Id);
                return ResultOf(sent);
            }
            var drafts = found.Where(m => m.IsDraft != false).OrderBy(m => m.CreatedDateTime).ToList();
            if (drafts.Count > 0)
            {
                Logger.LogWarning("Recovery: sending the existing draft {Id} of {MessageKey} of cycle {CycleId}.", drafts[0].Id, message.MessageKey, message.CycleId);
                foreach (var extra in drafts.Skip(1)) await DeleteDraftQuietlyAsync(extra.Id!).ConfigureAwait(false);
                return await SendDraftAsync(drafts[0], key, cancellationToken).ConfigureAwait(false);
            }
        }

        var draft = await _graph.Users[_options.SenderMailbox].Messages.PostAsync(ToDraft(message, key), cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Graph returned no message for the created draft.");
        return await SendDraftAsync(draft, key, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task AfterSentAsync(NotificationMessage message, SendReceipt receipt, CancellationToken cancellationToken)
    {
        if (!_options.Graph.SendTeamsNotifications || message.Action is null || string.IsNullOrWhiteSpace(message.TeamsRecipientUserId)) return;
        try
        {
            await _graph.Users[message.TeamsRecipientUserId].Teamwork.SendActivityNotification.PostAsync(new SendActivityNotificationPostRequestBody
            {
                Topic = new TeamworkActivityTopic
                {
                    Source = TeamworkActivityTopicSource.Text,
                    Value = message.Action.Label,
                    WebUrl = message.Action.Url,
                },
                ActivityType = _options.Graph.TeamsActivityType,
                PreviewText = new ItemBody { Content = Truncate(message.Subject, 150) },
                TemplateParameters =
                [
                    new Microsoft.Graph.Models.KeyValuePair { Name = "taskName", Value = Truncate(message.Action.Label, 100) },
                ],
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Teams activity notification for {MessageKey} of cycle {CycleId} to {User} failed; the email was sent ({ProviderMessageId}).",
                message.MessageKey, message.CycleId, message.TeamsRecipientUserId, receipt.ProviderMessageId);
        }
    }

    private async Task<DeliveryResult> SendDraftAsync(Message draft, string key, CancellationToken cancellationToken)
    {
        string id = draft.Id ?? throw new InvalidOperationException("Graph returned a draft without an id.");
        try
        {
            await _graph.Users[_options.SenderMailbox].Messages[id].Send.PostAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            // The draft is gone: most likely sent by an attempt that ran concurrently. Sent only if the key is found sent.
            var found = await FindByKeyAsync(key, cancellationToken).ConfigureAwait(false);
            if (SentOf(found) is { } sent) return ResultOf(sent);
            throw;
        }
        return new DeliveryResult(draft.InternetMessageId ?? id, Time.GetUtcNow());
    }

    private async Task<List<Message>> FindByKeyAsync(string key, CancellationToken cancellationToken)
    {
        var page = await _graph.Users[_options.SenderMailbox].Messages.GetAsync(request =>
        {
            request.QueryParameters.Filter =
                $"singleValueExtendedProperties/Any(ep: ep/id eq '{MessageKeyPropertyId}' and ep/value eq '{key.Replace("'", "''", StringComparison.Ordinal)}')";
            request.QueryParameters.Select = ["id", "internetMessageId", "isDraft", "createdDateTime", "sentDateTime", "parentFolderId"];
            request.QueryParameters.Top = 10;
        }, cancellationToken).ConfigureAwait(false);
        return page?.Value ?? [];
    }

    private static Message? SentOf(List<Message> found) =>
        found.Where(m => m.IsDraft == false).OrderBy(m => m.SentDateTime ?? DateTimeOffset.MaxValue).FirstOrDefault();

    private DeliveryResult ResultOf(Message sent) =>
        new(sent.InternetMessageId ?? sent.Id ?? string.Empty, sent.SentDateTime ?? Time.GetUtcNow());

    private async Task DeleteDraftQuietlyAsync(string id)
    {
        try
        {
            await _graph.Users[_options.SenderMailbox].Messages[id].DeleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Could not delete the surplus draft {Id}; it stays unsent in the sender's Drafts.", id);
        }
    }

    private static Message ToDraft(NotificationMessage message, string key) => new()
    {
        Subject = message.Subject,
        Body = new ItemBody { ContentType = BodyType.Html, Content = message.HtmlBody },
        ToRecipients = message.To.Select(Recipient).ToList(),
        CcRecipients = message.Cc.Count > 0 ? message.Cc.Select(Recipient).ToList() : null,
        Attachments = message.Attachments.Count > 0
            ? message.Attachments.Select(a => (Attachment)new FileAttachment
            {
                OdataType = "#microsoft.graph.fileAttachment",
                Name = a.FileName,
                ContentType = a.ContentType,
                ContentBytes = a.Content,
            }).ToList()
            : null,
        SingleValueExtendedProperties = [new SingleValueLegacyExtendedProperty { Id = MessageKeyPropertyId, Value = key }],
    };

    private static Recipient Recipient(string address) => new() { EmailAddress = new EmailAddress { Address = address } };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
