using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Table;

namespace SesReview.Notifications.Storage;

/// <summary>
/// The outbox in an Azure table plus a blob container. A row holds every field of a message; attachment bytes always
/// go to blobs (<c>{cycle}/{key}/{outbox id}/{n}</c>) and a body goes to a blob when it exceeds one string property
/// (32 K characters), so rows stay far below the 1 MB entity limit. Blobs are written before the row, under names
/// unique to this write, so a row never points at missing or foreign bytes (a lost race leaves only unused blobs).
/// Listing reads the summary columns of the partition (or table) and sorts newest first in memory: meant for the local
/// outbox page, not for millions of rows.
/// </summary>
public sealed class TableOutboxStore : IOutboxStore
{
    private const int MaxInlineChars = 30_000;
    private static readonly string[] SummaryColumns =
        ["OutboxId", "CycleId", "MessageKey", "Kind", "To", "Subject", "SentAt", "AttachmentCount", "AttachmentSha256", "ActionUrl", "ActionLabel"];

    private readonly CloudTable _table;
    private readonly CloudBlobContainer _container;
    private readonly Lazy<Task> _created;

    public TableOutboxStore(StorageAccount account, string tableName, string containerName)
    {
        _table = account.Table(tableName);
        _container = account.Container(containerName);
        _created = new Lazy<Task>(async () =>
        {
            await _table.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _container.CreateIfNotExistsAsync().ConfigureAwait(false);
        });
    }

    public async Task<bool> TryAddAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var existing = await _table.ExecuteAsync(TableOperation.Retrieve(record.PartitionKey, record.RowKey, ["OutboxId"]), null, null, cancellationToken).ConfigureAwait(false);
        if (existing.Result is not null) return false;

        string prefix = $"{Uri.EscapeDataString(record.PartitionKey)}/{Uri.EscapeDataString(record.RowKey)}/{record.OutboxId}";
        var m = record.Message;
        var entity = new DynamicTableEntity(record.PartitionKey, record.RowKey);
        var p = entity.Properties;
        p["OutboxId"] = new EntityProperty(record.OutboxId);
        p["CycleId"] = new EntityProperty(m.CycleId);
        p["MessageKey"] = new EntityProperty(m.MessageKey);
        p["Kind"] = new EntityProperty(m.Kind.ToString());
        p["To"] = new EntityProperty(JsonSerializer.Serialize(m.To));
        p["Cc"] = new EntityProperty(JsonSerializer.Serialize(m.Cc));
        p["Subject"] = new EntityProperty(m.Subject);
        p["SentAt"] = new EntityProperty(record.SentAt);
        p["AttachmentSha256"] = new EntityProperty(record.AttachmentSha256);
        p["AttachmentCount"] = new EntityProperty(m.Attachments.Count);
        p["ActionUrl"] = new EntityProperty(m.Action?.Url);
        p["ActionLabel"] = new EntityProperty(m.Action?.Label);
        p["TeamsRecipientUserId"] = new EntityProperty(m.TeamsRecipientUserId);
        await PutTextAsync(p, "HtmlBody", m.HtmlBody, $"{prefix}/body.html", cancellationToken).ConfigureAwait(false);
        await PutTextAsync(p, "TextBody", m.TextBody, $"{prefix}/body.txt", cancellationToken).ConfigureAwait(false);

        var attachments = new List<StoredAttachment>();
        for (int i = 0; i < m.Attachments.Count; i++)
        {
            var a = m.Attachments[i];
            string blobName = $"{prefix}/{i}";
            var blob = _container.GetBlockBlobReference(blobName);
            blob.Properties.ContentType = a.ContentType;
            await blob.UploadFromByteArrayAsync(a.Content, 0, a.Content.Length, null, null, null, cancellationToken).ConfigureAwait(false);
            attachments.Add(new StoredAttachment(a.FileName, a.ContentType, a.Content.LongLength, blobName));
        }
        p["Attachments"] = new EntityProperty(JsonSerializer.Serialize(attachments));

        try
        {
            await _table.ExecuteAsync(TableOperation.Insert(entity), null, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException e) when (StorageAccount.StatusOf(e) == 409)
        {
            return false;
        }
    }

    public async Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var result = await _table.ExecuteAsync(TableOperation.Retrieve(partitionKey, rowKey), null, null, cancellationToken).ConfigureAwait(false);
        if (result.Result is not DynamicTableEntity entity) return null;
        var p = entity.Properties;

        var attachments = new List<NotificationAttachment>();
        foreach (var stored in JsonSerializer.Deserialize<List<StoredAttachment>>(S(p, "Attachments") ?? "[]") ?? [])
        {
            var blob = _container.GetBlockBlobReference(stored.BlobName);
            using var buffer = new MemoryStream();
            await blob.DownloadToStreamAsync(buffer, null, null, null, cancellationToken).ConfigureAwait(false);
            attachments.Add(new NotificationAttachment(stored.FileName, stored.ContentType, buffer.ToArray()));
        }

        var message = new NotificationMessage
        {
            CycleId = S(p, "CycleId") ?? string.Empty,
            MessageKey = S(p, "MessageKey") ?? string.Empty,
            Kind = Enum.Parse<NotificationKind>(S(p, "Kind") ?? nameof(NotificationKind.TaskAssigned)),
            To = JsonSerializer.Deserialize<List<string>>(S(p, "To") ?? "[]") ?? [],
            Cc = JsonSerializer.Deserialize<List<string>>(S(p, "Cc") ?? "[]") ?? [],
            Subject = S(p, "Subject") ?? string.Empty,
            HtmlBody = await GetTextAsync(p, "HtmlBody", cancellationToken).ConfigureAwait(false) ?? string.Empty,
            TextBody = await GetTextAsync(p, "TextBody", cancellationToken).ConfigureAwait(false),
            Attachments = attachments,
            Action = ActionOf(p),
            TeamsRecipientUserId = S(p, "TeamsRecipientUserId"),
        };
        return new OutboxRecord
        {
            PartitionKey = entity.PartitionKey,
            RowKey = entity.RowKey,
            OutboxId = S(p, "OutboxId") ?? string.Empty,
            SentAt = p.TryGetValue("SentAt", out var sent) ? sent.DateTimeOffsetValue ?? default : default,
            AttachmentSha256 = S(p, "AttachmentSha256"),
            Message = message,
        };
    }

    public async Task<IReadOnlyList<OutboxRecordSummary>> ListAsync(string? partitionKey, int take, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var query = new TableQuery<DynamicTableEntity> { SelectColumns = SummaryColumns };
        if (partitionKey is not null)
            query = query.Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partitionKey));
        var rows = new List<OutboxRecordSummary>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await _table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
            foreach (var e in segment.Results)
            {
                var p = e.Properties;
                rows.Add(new OutboxRecordSummary(
                    e.PartitionKey, e.RowKey, S(p, "OutboxId") ?? string.Empty, S(p, "CycleId") ?? string.Empty,
                    S(p, "MessageKey") ?? string.Empty, Enum.Parse<NotificationKind>(S(p, "Kind") ?? nameof(NotificationKind.TaskAssigned)),
                    JsonSerializer.Deserialize<List<string>>(S(p, "To") ?? "[]") ?? [], S(p, "Subject") ?? string.Empty,
                    p.TryGetValue("SentAt", out var sent) ? sent.DateTimeOffsetValue ?? default : default,
                    p.TryGetValue("AttachmentCount", out var count) ? count.Int32Value ?? 0 : 0,
                    S(p, "AttachmentSha256"), ActionOf(p)));
            }
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return rows.OrderByDescending(r => r.SentAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(take).ToList();
    }

    private async Task PutTextAsync(IDictionary<string, EntityProperty> p, string name, string? text, string blobName, CancellationToken ct)
    {
        if (text is null || text.Length <= MaxInlineChars)
        {
            p[name] = new EntityProperty(text);
            return;
        }
        await _container.GetBlockBlobReference(blobName).UploadTextAsync(text, null, null, null, null, ct).ConfigureAwait(false);
        p[name + "Blob"] = new EntityProperty(blobName);
    }

    private async Task<string?> GetTextAsync(IDictionary<string, EntityProperty> p, string name, CancellationToken ct)
    {
        string? blobName = S(p, name + "Blob");
        if (blobName is null) return S(p, name);
        return await _container.GetBlockBlobReference(blobName).DownloadTextAsync(null, null, null, null, ct).ConfigureAwait(false);
    }

    private static ActionLink? ActionOf(IDictionary<string, EntityProperty> p) =>
        S(p, "ActionUrl") is { } url ? new ActionLink(url, S(p, "ActionLabel") ?? url) : null;

    private static string? S(IDictionary<string, EntityProperty> p, string name) => p.TryGetValue(name, out var v) ? v.StringValue : null;

    private sealed record StoredAttachment(string FileName, string ContentType, long Length, string BlobName);
}
