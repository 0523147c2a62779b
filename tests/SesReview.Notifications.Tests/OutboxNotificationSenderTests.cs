using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;
using SesReview.Notifications.Tests.Support;

namespace SesReview.Notifications.Tests;

public sealed class OutboxNotificationSenderTests
{
    private readonly InMemoryLedgerStore _ledger = new();
    private readonly InMemoryOutboxStore _store = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 3, 3, 14, 0, 0, TimeSpan.Zero));

    private OutboxNotificationSender NewSender() => new(_ledger, _store, _time);

    [Fact]
    public async Task A_sent_message_is_listed_and_read_back_with_all_fields_and_its_attachment()
    {
        var workbook = new byte[] { 9, 8, 7, 6 };
        var message = Messages.Submission(workbook: workbook) with
        {
            TextBody = "Attached",
            Action = new ActionLink("http://localhost:7071/tasks/1", "Open"),
            TeamsRecipientUserId = "user-1",
        };

        var receipt = await NewSender().SendAsync(message);

        Assert.False(receipt.AlreadySent);
        Assert.StartsWith("outbox-", receipt.ProviderMessageId);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(workbook)), receipt.AttachmentSha256);
        Assert.Equal(_time.Now, receipt.SentAt);

        var item = Assert.Single(await NewSender().ListAsync());
        Assert.Equal(("cycle-1", "submission/opm", NotificationKind.Submission, 1), (item.CycleId, item.MessageKey, item.Kind, item.AttachmentCount));
        Assert.Equal(["allocation-management@opm.gov"], item.To);
        Assert.Equal(receipt.ProviderMessageId, item.OutboxId);
        Assert.Equal(receipt.AttachmentSha256, item.AttachmentSha256);

        var read = await NewSender().GetAsync("cycle-1", "submission/opm");
        Assert.NotNull(read);
        Assert.Equal(message.Subject, read.Message.Subject);
        Assert.Equal(message.HtmlBody, read.Message.HtmlBody);
        Assert.Equal(message.TextBody, read.Message.TextBody);
        Assert.Equal(message.Cc, read.Message.Cc);
        Assert.Equal(message.Action, read.Message.Action);
        Assert.Equal("user-1", read.Message.TeamsRecipientUserId);
        var attachment = Assert.Single(read.Message.Attachments);
        Assert.Equal(("report.xlsx", workbook), (attachment.FileName, attachment.Content));
        Assert.Equal(receipt.AttachmentSha256, read.AttachmentSha256);
    }

    [Fact]
    public async Task A_duplicate_key_is_not_stored_again_and_returns_the_first_receipt()
    {
        var first = await NewSender().SendAsync(Messages.Task());
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await NewSender().SendAsync(Messages.Task() with { Subject = "second version" });

        Assert.True(second.AlreadySent);
        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(first.SentAt, second.SentAt);
        var item = Assert.Single(await NewSender().ListAsync());
        Assert.Equal("Action required", item.Subject);
    }

    [Fact]
    public async Task A_retry_after_a_crash_finds_the_stored_message_instead_of_storing_a_second()
    {
        var first = await NewSender().SendAsync(Messages.Task());
        // Pretend the process died after writing the outbox row but before the ledger said Sent.
        var row = Assert.Single(_ledger.Entries);
        _ledger.Put(row with { State = LedgerState.Reserved, AttemptId = "crashed", ProviderMessageId = null, SentAt = null });

        var retry = await NewSender().SendAsync(Messages.Task());

        Assert.False(retry.AlreadySent);
        Assert.Equal(first.ProviderMessageId, retry.ProviderMessageId);
        Assert.Single(await NewSender().ListAsync());
        Assert.Equal(LedgerState.Sent, Assert.Single(_ledger.Entries).State);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_filters_by_cycle()
    {
        var sender = NewSender();
        await sender.SendAsync(Messages.Task(cycle: "cycle-1", key: "task/a/initial"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync(Messages.Task(cycle: "cycle-2", key: "task/b/initial"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync(Messages.Task(cycle: "cycle-1", key: "reminder/a/2025-03-17"));

        Assert.Equal(["reminder/a/2025-03-17", "task/b/initial", "task/a/initial"], (await sender.ListAsync()).Select(i => i.MessageKey));
        Assert.Equal(["reminder/a/2025-03-17", "task/a/initial"], (await sender.ListAsync("cycle-1")).Select(i => i.MessageKey));
        Assert.Equal(["reminder/a/2025-03-17"], (await sender.ListAsync(take: 1)).Select(i => i.MessageKey));
        Assert.Null(await sender.GetAsync("cycle-2", "task/a/initial"));
    }

    [Fact]
    public async Task Several_attachments_get_a_combined_hash()
    {
        var message = Messages.Submission() with
        {
            Attachments = [new("a.xlsx", "application/octet-stream", [1]), new("b.csv", "text/csv", [2])],
        };
        var receipt = await NewSender().SendAsync(message);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"a.xlsx:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 1 }))}\n" +
            $"b.csv:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 2 }))}\n")));
        Assert.Equal(expected, receipt.AttachmentSha256);
        Assert.Null((await NewSender().SendAsync(Messages.Task())).AttachmentSha256);
    }

    [Fact]
    public async Task The_outbox_also_rejects_attachments_over_3_MB()
    {
        var message = Messages.Submission() with { Attachments = [new("huge.xlsx", "application/octet-stream", new byte[4 * 1024 * 1024])] };
        var e = await Assert.ThrowsAsync<AttachmentTooLargeException>(() => NewSender().SendAsync(message));
        Assert.Contains("huge.xlsx", e.Message);
        Assert.Empty(await NewSender().ListAsync());
    }

    [Fact]
    public async Task Invalid_messages_are_rejected_naming_the_problem()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => NewSender().SendAsync(Messages.Task() with { To = [] }));
        Assert.Contains("recipient", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => NewSender().SendAsync(Messages.Task() with { TeamsRecipientUserId = "u" }));
        Assert.Contains("action link", e.Message);
    }
}
