using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SesReview.Storage;

namespace SesReview.Notifications.Storage;

/// <summary>
/// The outbox in an Azure table plus a blob container. A row holds every field of a message; attachment bytes always
/// go to blobs (<c>{cycle}/{key}/{outbox id}/{n}</c>) and a body goes to a blob when it exceeds one string property
/// (32 K characters), so rows stay far below the 1 MB entity limit. Blobs are written before the row, under names
/// unique to this write, so a row never points at missing or foreign bytes (a lost race leaves only unused blobs).
/// Listing reads the summary columns of the partition (or table) and sorts newest first in memory: meant for the local
/// outbox page, not for millions of rows.
/// </summary>
public sealed class TableOutboxStore(AzureStorageAccount account, string tableName, string containerName) : IOutboxStore
{
    private const int MaxInlineChars = 30_000;

    // The keys are listed too: a projection returns only the columns it names.
    private static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "OutboxId", "CycleId", "MessageKey", "Kind", "To", "Subject", "SentAt", "AttachmentCount", "AttachmentSha256", "ActionUrl", "ActionLabel"];

    public async Task<bool> TryAddAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var (table, container) = await ClientsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(record.PartitionKey, record.RowKey, ["OutboxId"], cancellationToken).ConfigureAwait(false);
        if (existing.HasValue) return false;

        string prefix = $"{Uri.EscapeDataString(record.PartitionKey)}/{Uri.EscapeDataString(record.RowKey)}/{record.OutboxId}";
        var m = record.Message;
        var entity = new TableEntity(record.PartitionKey, record.RowKey)
        {
            ["OutboxId"] = record.OutboxId,
            ["CycleId"] = m.CycleId,
            ["MessageKey"] = m.MessageKey,
            ["Kind"] = m.Kind.ToString(),
            ["To"] = JsonSerializer.Serialize(m.To),
            ["Cc"] = JsonSerializer.Serialize(m.Cc),
            ["Subject"] = m.Subject,
            ["SentAt"] = record.SentAt,
            ["AttachmentSha256"] = record.AttachmentSha256,
            ["AttachmentCount"] = m.Attachments.Count,
            ["ActionUrl"] = m.Action?.Url,
            ["ActionLabel"] = m.Action?.Label,
            ["TeamsRecipientUserId"] = m.TeamsRecipientUserId,
        };
        await PutTextAsync(container, entity, "HtmlBody", m.HtmlBody, $"{prefix}/body.html", cancellationToken).ConfigureAwait(false);
        await PutTextAsync(container, entity, "TextBody", m.TextBody, $"{prefix}/body.txt", cancellationToken).ConfigureAwait(false);

        var attachments = new List<StoredAttachment>();
        for (int i = 0; i < m.Attachments.Count; i++)
        {
            var a = m.Attachments[i];
            string blobName = $"{prefix}/{i}";
            await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(a.Content), StorageClientOptions.ForUpload(a.ContentType), cancellationToken).ConfigureAwait(false);
            attachments.Add(new StoredAttachment(a.FileName, a.ContentType, a.Content.LongLength, blobName));
        }
        entity["Attachments"] = JsonSerializer.Serialize(attachments);

        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StorageStatus.Conflict)
        {
            return false;
        }
    }

    public async Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var (table, container) = await ClientsAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue) return null;
        var entity = response.Value!;

        var attachments = new List<NotificationAttachment>();
        foreach (var stored in JsonSerializer.Deserialize<List<StoredAttachment>>(entity.GetString("Attachments") ?? "[]") ?? [])
        {
            var download = await container.GetBlobClient(stored.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            attachments.Add(new NotificationAttachment(stored.FileName, stored.ContentType, download.Value.Content.ToArray()));
        }

        var message = new NotificationMessage
        {
            CycleId = entity.GetString("CycleId") ?? string.Empty,
            MessageKey = entity.GetString("MessageKey") ?? string.Empty,
            Kind = KindOf(entity),
            To = JsonSerializer.Deserialize<List<string>>(entity.GetString("To") ?? "[]") ?? [],
            Cc = JsonSerializer.Deserialize<List<string>>(entity.GetString("Cc") ?? "[]") ?? [],
            Subject = entity.GetString("Subject") ?? string.Empty,
            HtmlBody = await GetTextAsync(container, entity, "HtmlBody", cancellationToken).ConfigureAwait(false) ?? string.Empty,
            TextBody = await GetTextAsync(container, entity, "TextBody", cancellationToken).ConfigureAwait(false),
            Attachments = attachments,
            Action = ActionOf(entity),
            TeamsRecipientUserId = entity.GetString("TeamsRecipientUserId"),
        };
        return new OutboxRecord
        {
            PartitionKey = entity.PartitionKey,
            RowKey = entity.RowKey,
            OutboxId = entity.GetString("OutboxId") ?? string.Empty,
            SentAt = entity.GetDateTimeOffset("SentAt") ?? default,
            AttachmentSha256 = entity.GetString("AttachmentSha256"),
            Message = message,
        };
    }

    public async Task<(IReadOnlyList<OutboxRecordSummary> Rows, int Total)> ListAsync(string? partitionKey, int skip, int take, CancellationToken cancellationToken)
    {
        var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        string? filter = partitionKey is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rows = new List<OutboxRecordSummary>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: SummaryColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new OutboxRecordSummary(
                e.PartitionKey, e.RowKey, e.GetString("OutboxId") ?? string.Empty, e.GetString("CycleId") ?? string.Empty,
                e.GetString("MessageKey") ?? string.Empty, KindOf(e),
                JsonSerializer.Deserialize<List<string>>(e.GetString("To") ?? "[]") ?? [], e.GetString("Subject") ?? string.Empty,
                e.GetDateTimeOffset("SentAt") ?? default, e.GetInt32("AttachmentCount") ?? 0,
                e.GetString("AttachmentSha256"), ActionOf(e)));
        }
        return (rows.OrderByDescending(r => r.SentAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).Skip(skip).Take(take).ToList(), rows.Count);
    }

    private async Task<(TableClient Table, BlobContainerClient Container)> ClientsAsync(CancellationToken cancellationToken) =>
        (await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false),
         await account.GetContainerAsync(containerName, cancellationToken).ConfigureAwait(false));

    private static async Task PutTextAsync(BlobContainerClient container, TableEntity entity, string name, string? text, string blobName, CancellationToken ct)
    {
        if (text is null || text.Length <= MaxInlineChars)
        {
            entity[name] = text;
            return;
        }
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), StorageClientOptions.ForUpload("text/plain; charset=utf-8"), ct).ConfigureAwait(false);
        entity[name + "Blob"] = blobName;
    }

    private static async Task<string?> GetTextAsync(BlobContainerClient container, TableEntity entity, string name, CancellationToken ct)
    {
        string? blobName = entity.GetString(name + "Blob");
        if (blobName is null) return entity.GetString(name);
        var download = await container.GetBlobClient(blobName).DownloadContentAsync(ct).ConfigureAwait(false);
        return download.Value.Content.ToString();
    }

    private static NotificationKind KindOf(TableEntity entity) =>
        Enum.Parse<NotificationKind>(entity.GetString("Kind") ?? nameof(NotificationKind.TaskAssigned));

    private static ActionLink? ActionOf(TableEntity entity) =>
        entity.GetString("ActionUrl") is { } url ? new ActionLink(url, entity.GetString("ActionLabel") ?? url) : null;

    private sealed record StoredAttachment(string FileName, string ContentType, long Length, string BlobName);
}
