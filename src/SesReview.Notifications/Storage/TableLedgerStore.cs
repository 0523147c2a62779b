using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace SesReview.Notifications.Storage;

/// <summary>The send ledger in an Azure table (Azurite locally). Conditional writes use the row's ETag.</summary>
public sealed class TableLedgerStore : ILedgerStore
{
    private readonly CloudTable _table;
    private readonly Lazy<Task> _created;

    public TableLedgerStore(StorageAccount account, string tableName)
    {
        _table = account.Table(tableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public async Task<LedgerEntry?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var result = await _table.ExecuteAsync(TableOperation.Retrieve(partitionKey, rowKey), null, null, cancellationToken).ConfigureAwait(false);
        return result.Result is DynamicTableEntity entity ? FromEntity(entity) : null;
    }

    public async Task<LedgerEntry?> TryInsertAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        try
        {
            var result = await _table.ExecuteAsync(TableOperation.Insert(ToEntity(entry)), null, null, cancellationToken).ConfigureAwait(false);
            return entry with { ETag = result.Etag };
        }
        catch (StorageException e) when (StorageAccount.StatusOf(e) == 409)
        {
            return null;
        }
    }

    public async Task<LedgerEntry?> TryReplaceAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.ETag is null) throw new ArgumentException("A ledger row is replaced only with the ETag it was read with.", nameof(entry));
        await _created.Value.ConfigureAwait(false);
        try
        {
            var result = await _table.ExecuteAsync(TableOperation.Replace(ToEntity(entry)), null, null, cancellationToken).ConfigureAwait(false);
            return entry with { ETag = result.Etag };
        }
        catch (StorageException e) when (StorageAccount.StatusOf(e) is 412 or 404)
        {
            return null;
        }
    }

    private static DynamicTableEntity ToEntity(LedgerEntry e)
    {
        var entity = new DynamicTableEntity(e.PartitionKey, e.RowKey) { ETag = e.ETag };
        var p = entity.Properties;
        p["CycleId"] = new EntityProperty(e.CycleId);
        p["MessageKey"] = new EntityProperty(e.MessageKey);
        p["Kind"] = new EntityProperty(e.Kind);
        p["Channel"] = new EntityProperty(e.Channel);
        p["State"] = new EntityProperty(e.State.ToString());
        p["AttemptId"] = new EntityProperty(e.AttemptId);
        p["Attempts"] = new EntityProperty(e.Attempts);
        p["ReservedAt"] = new EntityProperty(e.ReservedAt);
        p["ProviderMessageId"] = new EntityProperty(e.ProviderMessageId);
        p["SentAt"] = new EntityProperty(e.SentAt);
        p["AttachmentSha256"] = new EntityProperty(e.AttachmentSha256);
        p["LastError"] = new EntityProperty(Truncate(e.LastError, 4000));
        return entity;
    }

    private static LedgerEntry FromEntity(DynamicTableEntity entity)
    {
        var p = entity.Properties;
        string? S(string name) => p.TryGetValue(name, out var v) ? v.StringValue : null;
        return new LedgerEntry
        {
            PartitionKey = entity.PartitionKey,
            RowKey = entity.RowKey,
            CycleId = S("CycleId") ?? string.Empty,
            MessageKey = S("MessageKey") ?? string.Empty,
            Kind = S("Kind") ?? string.Empty,
            Channel = S("Channel") ?? string.Empty,
            State = Enum.Parse<LedgerState>(S("State") ?? nameof(LedgerState.Reserved)),
            AttemptId = S("AttemptId"),
            Attempts = p.TryGetValue("Attempts", out var a) ? a.Int32Value ?? 0 : 0,
            ReservedAt = p.TryGetValue("ReservedAt", out var r) ? r.DateTimeOffsetValue ?? default : default,
            ProviderMessageId = S("ProviderMessageId"),
            SentAt = p.TryGetValue("SentAt", out var s) ? s.DateTimeOffsetValue : null,
            AttachmentSha256 = S("AttachmentSha256"),
            LastError = S("LastError"),
            ETag = entity.ETag,
        };
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
