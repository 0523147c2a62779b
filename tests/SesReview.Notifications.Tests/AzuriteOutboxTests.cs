using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;
using SesReview.Notifications.Tests.Support;
using SesReview.Storage;
using TestSupport;

namespace SesReview.Notifications.Tests;

/// <summary>The table/blob stores against a real Azurite (one per class).</summary>
public sealed class AzuriteOutboxTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private AzureStorageAccount _account = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _account = new AzureStorageAccount(_azurite.ConnectionString);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private OutboxNotificationSender NewSender(ManualTime? time = null) =>
        new(new TableLedgerStore(_account, "NotificationLedger"), new TableOutboxStore(_account, "Outbox", "outbox-attachments"), time);

    [Fact]
    public async Task Messages_round_trip_through_table_and_blobs_with_big_bodies_and_attachments()
    {
        var workbook = new byte[2 * 1024 * 1024];
        new Random(42).NextBytes(workbook);
        string bigHtml = "<p>" + new string('x', 100_000) + "</p>";
        var message = Messages.Submission(workbook: workbook) with { HtmlBody = bigHtml, TextBody = "plain", Action = new ActionLink("http://localhost/x", "Open") };

        var receipt = await NewSender().SendAsync(message);
        var again = await NewSender().SendAsync(message);

        Assert.False(receipt.AlreadySent);
        Assert.True(again.AlreadySent);
        Assert.Equal(receipt.ProviderMessageId, again.ProviderMessageId);
        var read = await NewSender().GetAsync("cycle-1", "submission/opm");
        Assert.NotNull(read);
        Assert.Equal(bigHtml, read.Message.HtmlBody);
        Assert.Equal("plain", read.Message.TextBody);
        Assert.Equal(workbook, Assert.Single(read.Message.Attachments).Content);
        Assert.Equal(receipt.AttachmentSha256, read.AttachmentSha256);
        Assert.Equal(message.Action, read.Message.Action);
        Assert.Equal(["chco@agency.gov"], read.Message.Cc);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_filters_by_cycle()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 3, 3, 14, 0, 0, TimeSpan.Zero));
        var sender = NewSender(time);
        await sender.SendAsync(Messages.Task(cycle: "c/1", key: "task/a@x.gov/initial"));
        time.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync(Messages.Task(cycle: "c-2", key: "task/b@x.gov/initial"));
        time.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync(Messages.Task(cycle: "c/1", key: "reminder/a@x.gov/2025-03-17"));

        Assert.Equal(["reminder/a@x.gov/2025-03-17", "task/b@x.gov/initial", "task/a@x.gov/initial"], (await sender.ListAsync()).Select(i => i.MessageKey));
        var ofCycle = await sender.ListAsync("c/1");
        Assert.Equal(["reminder/a@x.gov/2025-03-17", "task/a@x.gov/initial"], ofCycle.Select(i => i.MessageKey));
        Assert.All(ofCycle, i => Assert.Equal("c/1", i.CycleId));
        Assert.Equal(time.Now, ofCycle[0].SentAt);
    }

    [Fact]
    public async Task The_ledger_table_allows_one_insert_and_only_conditional_replaces()
    {
        var ledger = new TableLedgerStore(_account, "LedgerTest");
        var entry = new LedgerEntry
        {
            PartitionKey = "p", RowKey = "r", CycleId = "p", MessageKey = "r", Kind = "Reminder", Channel = "Graph",
            State = LedgerState.Reserved, AttemptId = "a1", Attempts = 1, ReservedAt = DateTimeOffset.UtcNow,
        };
        var inserted = await ledger.TryInsertAsync(entry, default);
        Assert.NotNull(inserted);
        Assert.Null(await ledger.TryInsertAsync(entry, default));

        var sent = await ledger.TryReplaceAsync(inserted with { State = LedgerState.Sent, ProviderMessageId = "m1", SentAt = DateTimeOffset.UtcNow }, default);
        Assert.NotNull(sent);
        Assert.Null(await ledger.TryReplaceAsync(inserted with { AttemptId = "stale" }, default));

        var read = await ledger.GetAsync("p", "r", default);
        Assert.Equal((LedgerState.Sent, "m1", "a1"), (read!.State, read.ProviderMessageId, read.AttemptId));
        Assert.Null(await ledger.GetAsync("p", "missing", default));
    }
}
