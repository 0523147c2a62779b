using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SesReview.Notifications.Graph;
using SesReview.Notifications.Storage;
using SesReview.Notifications.Tests.Support;

namespace SesReview.Notifications.Tests;

public sealed class GraphNotificationSenderTests : IAsyncLifetime
{
    private const string Sender = "ses-review@agency.gov";
    private FakeGraphServer _server = null!;
    private readonly InMemoryLedgerStore _ledger = new();
    private readonly StaticTokenCredential _credential = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 3, 3, 14, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<GraphNotificationSender> _log = new();
    private NotificationOptions _options = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGraphServer.StartAsync();
        _options = new NotificationOptions
        {
            Channel = NotificationChannel.Graph,
            SenderMailbox = Sender,
            InFlightGracePeriod = TimeSpan.FromMinutes(2),
            Graph = new GraphNotificationOptions { TenantId = "t", ClientId = "c", ClientSecret = "s", BaseUrl = _server.BaseUrl },
        };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private GraphNotificationSender NewSender() =>
        new(GraphClientBuilder.Create(_options.Graph, _credential), _options, _ledger, _time, _log);

    [Fact]
    public async Task Email_is_created_as_a_draft_with_the_JSON_Graph_expects_then_sent()
    {
        var workbook = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0xFF };
        var receipt = await NewSender().SendAsync(Messages.Submission(workbook: workbook));

        var create = Assert.Single(_server.DraftCreations);
        Assert.Equal($"/v1.0/users/{Sender}/messages", create.Path);
        var json = create.Body!.AsObject();
        Assert.Equal("Agency - response", json["subject"]!.GetValue<string>());
        Assert.Equal("html", json["body"]!["contentType"]!.GetValue<string>());
        Assert.Equal("<p>Attached</p>", json["body"]!["content"]!.GetValue<string>());
        Assert.Equal("allocation-management@opm.gov", json["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.Equal("chco@agency.gov", json["ccRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        var attachment = Assert.Single(json["attachments"]!.AsArray())!;
        Assert.Equal("#microsoft.graph.fileAttachment", attachment["@odata.type"]!.GetValue<string>());
        Assert.Equal("report.xlsx", attachment["name"]!.GetValue<string>());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", attachment["contentType"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(workbook), attachment["contentBytes"]!.GetValue<string>());
        var property = Assert.Single(json["singleValueExtendedProperties"]!.AsArray())!;
        Assert.Equal(GraphNotificationSender.MessageKeyPropertyId, property["id"]!.GetValue<string>());
        Assert.Equal(GraphNotificationSender.MessageKeyValue("cycle-1", "submission/opm"), property["value"]!.GetValue<string>());

        var send = Assert.Single(_server.Sends);
        Assert.Equal($"/v1.0/users/{Sender}/messages/draft-1/send", send.Path);
        Assert.Empty(_server.Lookups);
        Assert.False(_server.Mailbox["draft-1"].IsDraft);

        Assert.Equal("<msg-1@fake.test>", receipt.ProviderMessageId);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(workbook)), receipt.AttachmentSha256);
        Assert.False(receipt.AlreadySent);
        Assert.Equal(_time.Now, receipt.SentAt);
        var row = Assert.Single(_ledger.Entries);
        Assert.Equal(LedgerState.Sent, row.State);
        Assert.Equal("Graph", row.Channel);
    }

    [Fact]
    public async Task Every_request_carries_the_injected_token_and_stays_on_the_local_server()
    {
        await NewSender().SendAsync(Messages.Task());
        Assert.NotEmpty(_server.Requests);
        Assert.All(_server.Requests, r => Assert.Equal($"Bearer {FakeGraphServer.Token}", r.Authorization));
        Assert.True(_credential.Calls > 0);
        Assert.All(_credential.Scopes, s => Assert.Equal([new Uri(_server.BaseUrl).GetLeftPart(UriPartial.Authority) + "/.default"], s));
    }

    [Fact]
    public async Task Sending_the_same_cycle_and_key_twice_sends_once()
    {
        var sender = NewSender();
        var first = await sender.SendAsync(Messages.Task());
        var second = await NewSender().SendAsync(Messages.Task() with { Subject = "changed" });

        Assert.Single(_server.DraftCreations);
        Assert.Single(_server.Sends);
        Assert.False(first.AlreadySent);
        Assert.True(second.AlreadySent);
        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(first.SentAt, second.SentAt);
    }

    [Fact]
    public async Task The_same_key_in_another_cycle_is_another_message()
    {
        await NewSender().SendAsync(Messages.Task(cycle: "cycle-1"));
        await NewSender().SendAsync(Messages.Task(cycle: "cycle-2"));
        Assert.Equal(2, _server.Sends.Count);
    }

    [Fact]
    public async Task A_send_that_fails_after_the_draft_was_created_is_retried_on_the_same_draft()
    {
        _server.FailNextSends = 1;
        var sender = NewSender();
        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Messages.Task()));
        var released = Assert.Single(_ledger.Entries);
        Assert.Equal(LedgerState.Reserved, released.State);
        Assert.Null(released.AttemptId);
        Assert.Contains("Simulated failure", released.LastError);

        // The activity retry comes at once: the failed attempt released its reservation, so no waiting.
        var receipt = await NewSender().SendAsync(Messages.Task());

        Assert.Single(_server.DraftCreations);
        Assert.Single(_server.Lookups);
        Assert.Equal(2, _server.Sends.Count);
        Assert.All(_server.Sends, s => Assert.EndsWith("/messages/draft-1/send", s.Path));
        Assert.Equal("<msg-1@fake.test>", receipt.ProviderMessageId);
        Assert.False(receipt.AlreadySent);
        Assert.Equal(LedgerState.Sent, Assert.Single(_ledger.Entries).State);
    }

    [Fact]
    public async Task After_a_crash_between_draft_and_send_the_retry_sends_the_existing_draft()
    {
        var message = Messages.Task();
        var draft = _server.AddItem(GraphNotificationSender.MessageKeyValue(message.CycleId, message.MessageKey), isDraft: true);
        StageCrashedReservation(message, reservedAgo: TimeSpan.FromMinutes(10));

        var receipt = await NewSender().SendAsync(message);

        Assert.Empty(_server.DraftCreations);
        var send = Assert.Single(_server.Sends);
        Assert.EndsWith($"/messages/{draft.Id}/send", send.Path);
        var lookup = Assert.Single(_server.Lookups);
        Assert.Equal($"/v1.0/users/{Sender}/messages", lookup.Path);
        Assert.Equal(
            $"singleValueExtendedProperties/Any(ep: ep/id eq '{GraphNotificationSender.MessageKeyPropertyId}' and ep/value eq '{draft.KeyValue}')",
            lookup.Query["$filter"]);
        Assert.Equal(draft.InternetMessageId, receipt.ProviderMessageId);
        var row = Assert.Single(_ledger.Entries);
        Assert.Equal(LedgerState.Sent, row.State);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task After_a_crash_after_send_the_retry_records_the_sent_item_without_sending()
    {
        var message = Messages.Task();
        var sent = _server.AddItem(GraphNotificationSender.MessageKeyValue(message.CycleId, message.MessageKey), isDraft: false);
        StageCrashedReservation(message, reservedAgo: TimeSpan.FromMinutes(10));

        var receipt = await NewSender().SendAsync(message);

        Assert.Empty(_server.DraftCreations);
        Assert.Empty(_server.Sends);
        Assert.Equal(sent.InternetMessageId, receipt.ProviderMessageId);
        Assert.Equal(sent.SentDateTime!.Value.ToUnixTimeSeconds(), receipt.SentAt.ToUnixTimeSeconds());
        Assert.Equal(LedgerState.Sent, Assert.Single(_ledger.Entries).State);

        var again = await NewSender().SendAsync(message);
        Assert.True(again.AlreadySent);
        Assert.Empty(_server.Sends);
    }

    [Fact]
    public async Task After_a_crash_before_the_draft_was_created_the_retry_creates_and_sends_one()
    {
        var message = Messages.Task();
        StageCrashedReservation(message, reservedAgo: TimeSpan.FromMinutes(10));

        await NewSender().SendAsync(message);

        Assert.Single(_server.Lookups);
        Assert.Single(_server.DraftCreations);
        Assert.Single(_server.Sends);
    }

    [Fact]
    public async Task Surplus_drafts_of_one_key_are_deleted_and_only_the_oldest_is_sent()
    {
        var message = Messages.Task();
        string key = GraphNotificationSender.MessageKeyValue(message.CycleId, message.MessageKey);
        var oldest = _server.AddItem(key, isDraft: true);
        var surplus = _server.AddItem(key, isDraft: true) with { CreatedDateTime = oldest.CreatedDateTime.AddSeconds(5) };
        _server.Mailbox[surplus.Id] = surplus;
        StageCrashedReservation(message, reservedAgo: TimeSpan.FromMinutes(10));

        await NewSender().SendAsync(message);

        Assert.EndsWith($"/messages/{oldest.Id}/send", Assert.Single(_server.Sends).Path);
        Assert.False(_server.Mailbox.ContainsKey(surplus.Id));
    }

    [Fact]
    public async Task A_reservation_younger_than_the_grace_period_is_left_to_its_attempt()
    {
        var message = Messages.Task();
        StageCrashedReservation(message, reservedAgo: TimeSpan.FromSeconds(30));

        var e = await Assert.ThrowsAsync<NotificationInProgressException>(() => NewSender().SendAsync(message));
        Assert.Equal(TimeSpan.FromSeconds(90), e.RetryAfter);
        Assert.Empty(_server.Requests);

        _time.Advance(TimeSpan.FromMinutes(2));
        await NewSender().SendAsync(message);
        Assert.Single(_server.Sends);
    }

    [Fact]
    public async Task Concurrent_attempts_of_one_key_send_one_email()
    {
        var sender = NewSender();
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try { return await sender.SendAsync(Messages.Task()); }
            catch (NotificationInProgressException) { return null; }
        })).ToList();
        var receipts = await Task.WhenAll(attempts);

        Assert.Single(_server.DraftCreations);
        Assert.Single(_server.Sends);
        Assert.Single(receipts, r => r is { AlreadySent: false });
    }

    [Fact]
    public async Task A_task_with_a_Teams_recipient_also_gets_an_activity_feed_notification()
    {
        var message = Messages.Task() with
        {
            Action = new ActionLink("https://review.agency.gov/tasks/abc?token=x&y=1", "Review 3 positions"),
            TeamsRecipientUserId = "5f1c-user-id",
        };

        await NewSender().SendAsync(message);

        var teams = Assert.Single(_server.TeamsNotifications);
        Assert.Equal("/v1.0/users/5f1c-user-id/teamwork/sendActivityNotification", teams.Path);
        var json = teams.Body!.AsObject();
        Assert.Equal("text", json["topic"]!["source"]!.GetValue<string>());
        Assert.Equal("Review 3 positions", json["topic"]!["value"]!.GetValue<string>());
        Assert.Equal("https://review.agency.gov/tasks/abc?token=x&y=1", json["topic"]!["webUrl"]!.GetValue<string>());
        Assert.Equal("taskCreated", json["activityType"]!.GetValue<string>());
        Assert.Equal("Action required", json["previewText"]!["content"]!.GetValue<string>());
        var parameter = Assert.Single(json["templateParameters"]!.AsArray())!;
        Assert.Equal("taskName", parameter["name"]!.GetValue<string>());
        Assert.Equal("Review 3 positions", parameter["value"]!.GetValue<string>());

        // The email went first.
        var order = _server.Requests.Select(r => r.Path).ToList();
        Assert.True(order.FindIndex(p => p.EndsWith("/send", StringComparison.Ordinal)) < order.FindIndex(p => p.EndsWith("sendActivityNotification", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_Teams_failure_does_not_fail_the_email_and_is_logged()
    {
        _server.TeamsStatus = 403;
        var message = Messages.Task() with { Action = new ActionLink("https://review.agency.gov/t/1", "Review"), TeamsRecipientUserId = "u1" };

        var receipt = await NewSender().SendAsync(message);

        Assert.False(receipt.AlreadySent);
        Assert.Single(_server.Sends);
        Assert.Single(_server.TeamsNotifications);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Teams activity notification", StringComparison.Ordinal));
        Assert.Equal(LedgerState.Sent, Assert.Single(_ledger.Entries).State);
    }

    [Fact]
    public async Task No_Teams_notification_without_a_Teams_recipient()
    {
        await NewSender().SendAsync(Messages.Task() with { Action = new ActionLink("https://review.agency.gov/t/1", "Review") });
        Assert.Empty(_server.TeamsNotifications);
    }

    [Fact]
    public async Task An_attachment_over_3_MB_is_rejected_naming_the_file_before_any_request()
    {
        var big = new byte[3 * 1024 * 1024 + 1];
        var message = Messages.Submission() with { Attachments = [new NotificationAttachment("opm-report.xlsx", "application/octet-stream", big)] };

        var e = await Assert.ThrowsAsync<AttachmentTooLargeException>(() => NewSender().SendAsync(message));

        Assert.Contains("opm-report.xlsx", e.Message);
        Assert.Contains("3,145,729", e.Message);
        Assert.Equal("opm-report.xlsx", e.FileName);
        Assert.Empty(_server.Requests);
        Assert.Empty(_ledger.Entries);
    }

    [Fact]
    public async Task An_attachment_of_exactly_3_MB_is_sent_inline()
    {
        var exact = new byte[3 * 1024 * 1024];
        exact[^1] = 7;
        await NewSender().SendAsync(Messages.Submission(workbook: exact));
        var attachment = _server.DraftCreations[0].Body!["attachments"]![0]!;
        Assert.Equal(exact, Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>()));
    }

    private void StageCrashedReservation(NotificationMessage message, TimeSpan reservedAgo) =>
        _ledger.Put(new LedgerEntry
        {
            PartitionKey = TableKeys.Sanitize(message.CycleId),
            RowKey = TableKeys.Sanitize(message.MessageKey),
            CycleId = message.CycleId,
            MessageKey = message.MessageKey,
            Kind = message.Kind.ToString(),
            Channel = "Graph",
            State = LedgerState.Reserved,
            AttemptId = "crashed-attempt",
            Attempts = 1,
            ReservedAt = _time.Now - reservedAgo,
        });
}
