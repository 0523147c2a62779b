using Azure;
using Azure.Data.Tables;
using SesReview.Storage;

namespace SesReview.Notifications.Storage;

/// <summary>The send ledger in an Azure table (Azurite locally). Conditional writes use the row's ETag.</summary>
public sealed class TableLedgerStore(AzureStorageAccount account, string tableName) : ILedgerStore
{
    private const int MaxErrorChars = 4000;

    public async Task<LedgerEntry?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<LedgerEntry?> TryInsertAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(entry), cancellationToken).ConfigureAwait(false);
            return entry with { ETag = ETagOf(response) };
        }
        catch (RequestFailedException e) when (e.Status == StorageStatus.Conflict)
        {
            return null;
        }
    }

    public async Task<LedgerEntry?> TryReplaceAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.ETag is null) throw new ArgumentException("A ledger row is replaced only with the ETag it was read with.", nameof(entry));
        var table = await account.GetTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(entry), new ETag(entry.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return entry with { ETag = ETagOf(response) };
        }
        catch (RequestFailedException e) when (e.Status is StorageStatus.PreconditionFailed or StorageStatus.NotFound)
        {
            return null;
        }
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for a written ledger row.");

    private static TableEntity ToEntity(LedgerEntry e) => new(e.PartitionKey, e.RowKey)
    {
        ["CycleId"] = e.CycleId,
        ["MessageKey"] = e.MessageKey,
        ["Kind"] = e.Kind,
        ["Channel"] = e.Channel,
        ["State"] = e.State.ToString(),
        ["AttemptId"] = e.AttemptId,
        ["Attempts"] = e.Attempts,
        ["ReservedAt"] = e.ReservedAt,
        ["ProviderMessageId"] = e.ProviderMessageId,
        ["SentAt"] = e.SentAt,
        ["AttachmentSha256"] = e.AttachmentSha256,
        ["LastError"] = Truncate(e.LastError, MaxErrorChars),
    };

    private static LedgerEntry FromEntity(TableEntity entity) => new()
    {
        PartitionKey = entity.PartitionKey,
        RowKey = entity.RowKey,
        CycleId = entity.GetString("CycleId") ?? string.Empty,
        MessageKey = entity.GetString("MessageKey") ?? string.Empty,
        Kind = entity.GetString("Kind") ?? string.Empty,
        Channel = entity.GetString("Channel") ?? string.Empty,
        State = Enum.Parse<LedgerState>(entity.GetString("State") ?? nameof(LedgerState.Reserved)),
        AttemptId = entity.GetString("AttemptId"),
        Attempts = entity.GetInt32("Attempts") ?? 0,
        ReservedAt = entity.GetDateTimeOffset("ReservedAt") ?? default,
        ProviderMessageId = entity.GetString("ProviderMessageId"),
        SentAt = entity.GetDateTimeOffset("SentAt"),
        AttachmentSha256 = entity.GetString("AttachmentSha256"),
        LastError = entity.GetString("LastError"),
        ETag = entity.ETag.ToString(),
    };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
