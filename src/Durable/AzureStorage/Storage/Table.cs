using System.Text;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace Durable.AzureStorage.Storage;

/// <summary>A table. Conflicts (409), failed preconditions (412) and missing entities (404) come back as values, not exceptions.</summary>
internal sealed class Table(CloudTable table, StorageRetryPolicy retry)
{
    public string Name => table.Name;

    public Task CreateIfNotExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"create table {Name}", c => table.CreateIfNotExistsAsync(null, null, c), ct);

    public Task DeleteIfExistsAsync(CancellationToken ct) =>
        retry.ExecuteAsync($"delete table {Name}", c => table.DeleteIfExistsAsync(null, null, c), ct);

    public Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct) =>
        retry.ExecuteAsync($"read {Name}", async c =>
        {
            var result = await table.ExecuteAsync(TableOperation.Retrieve(partitionKey, rowKey), null, null, c).ConfigureAwait(false);
            return result.Result is DynamicTableEntity e ? FromEntity(e) : null;
        }, ct);

    /// <summary>Inserts; returns the new ETag, or null if the entity exists (409).</summary>
    public Task<string?> TryInsertAsync(TableRow row, CancellationToken ct) =>
        ExecuteConditionalAsync(TableOperation.Insert(ToEntity(row, null)), ct, 409);

    /// <summary>Replaces if the ETag matches; returns the new ETag, or null on 412/404.</summary>
    public Task<string?> TryReplaceAsync(TableRow row, string etag, CancellationToken ct) =>
        ExecuteConditionalAsync(TableOperation.Replace(ToEntity(row, etag)), ct);

    /// <summary>Merges if the ETag matches ("*" = any); returns the new ETag, or null on 412/404.</summary>
    public Task<string?> TryMergeAsync(TableRow row, string etag, CancellationToken ct) =>
        ExecuteConditionalAsync(TableOperation.Merge(ToEntity(row, etag)), ct);

    public Task<string?> InsertOrReplaceAsync(TableRow row, CancellationToken ct) =>
        ExecuteConditionalAsync(TableOperation.InsertOrReplace(ToEntity(row, null)), ct, -1);

    /// <summary>Deletes; false if absent or the ETag did not match.</summary>
    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, CancellationToken ct, string etag = "*") =>
        await ExecuteConditionalAsync(TableOperation.Delete(new DynamicTableEntity(partitionKey, rowKey) { ETag = etag }), ct).ConfigureAwait(false) is not null;

    /// <summary>
    /// Runs one entity-group transaction (atomic: all or nothing). Returns the ETags in order, or null when an
    /// operation's precondition failed (409, 412 or 404), in which case nothing was written.
    /// </summary>
    public Task<IReadOnlyList<string?>?> TryExecuteBatchAsync(IReadOnlyList<TableBatchItem> items, CancellationToken ct) =>
        retry.ExecuteAsync<IReadOnlyList<string?>?>($"batch {Name}", async c =>
        {
            var batch = new TableBatchOperation();
            foreach (var item in items)
            {
                var entity = ToEntity(item.Row, item.ETag);
                batch.Add(item.Kind switch
                {
                    TableBatchItemKind.Insert => TableOperation.Insert(entity),
                    TableBatchItemKind.InsertOrReplace => TableOperation.InsertOrReplace(entity),
                    TableBatchItemKind.InsertOrMerge => TableOperation.InsertOrMerge(entity),
                    TableBatchItemKind.Replace => TableOperation.Replace(entity),
                    TableBatchItemKind.Merge => TableOperation.Merge(entity),
                    TableBatchItemKind.Delete => TableOperation.Delete(entity),
                    _ => throw new ArgumentOutOfRangeException(nameof(items)),
                });
            }
            try
            {
                var results = await table.ExecuteBatchAsync(batch, null, null, c).ConfigureAwait(false);
                return results.Select(r => r.Etag).ToArray();
            }
            catch (StorageException e) when (StorageRetryPolicy.StatusOf(e) is 404 or 409 or 412)
            {
                return null;
            }
        }, ct);

    /// <summary>One page of a query. <paramref name="filter"/> is an OData filter from <see cref="TableFilter"/>.</summary>
    public Task<TableSegment> QueryAsync(string? filter, int? take, string? continuationToken, IList<string>? select, CancellationToken ct) =>
        retry.ExecuteAsync($"query {Name}", async c =>
        {
            var query = new TableQuery { FilterString = filter, TakeCount = take, SelectColumns = select };
            var segment = await table.ExecuteQuerySegmentedAsync(query, DecodeToken(continuationToken), null, null, c).ConfigureAwait(false);
            return new TableSegment(segment.Results.Select(FromEntity).ToArray(), EncodeToken(segment.ContinuationToken));
        }, ct);

    public async IAsyncEnumerable<TableRow> QueryAllAsync(string? filter, IList<string>? select, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var segment = await QueryAsync(filter, null, token, select, ct).ConfigureAwait(false);
            foreach (var row in segment.Rows) yield return row;
            token = segment.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Runs one operation; a 404 or 412 (or <paramref name="conflictStatus"/>, for inserts 409 only) comes back as null.</summary>
    private Task<string?> ExecuteConditionalAsync(TableOperation operation, CancellationToken ct, int conflictStatus = 0) =>
        retry.ExecuteAsync<string?>($"write {Name}", async c =>
        {
            try
            {
                var result = await table.ExecuteAsync(operation, null, null, c).ConfigureAwait(false);
                return result.Etag ?? "";
            }
            catch (StorageException e) when (conflictStatus == 0 ? StorageRetryPolicy.StatusOf(e) is 404 or 412 : StorageRetryPolicy.StatusOf(e) == conflictStatus)
            {
                return null;
            }
        }, ct);

    private static DynamicTableEntity ToEntity(TableRow row, string? etag)
    {
        var entity = new DynamicTableEntity(row.PartitionKey, row.RowKey) { ETag = etag ?? row.ETag ?? "*" };
        foreach (var (name, value) in row.Properties)
        {
            if (value is null) continue;
            entity.Properties[name] = value switch
            {
                DateTimeOffset d => new EntityProperty(d),
                DateTime d => new EntityProperty(d),
                _ => EntityProperty.CreateEntityPropertyFromObject(value),
            };
        }
        return entity;
    }

    private static TableRow FromEntity(DynamicTableEntity entity)
    {
        var row = new TableRow(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag, Timestamp = entity.Timestamp };
        foreach (var (name, property) in entity.Properties)
            row[name] = property.PropertyType == EdmType.DateTime ? property.DateTimeOffsetValue : property.PropertyAsObject;
        return row;
    }

    private sealed record Token(string? P, string? R, string? T);

    private static string? EncodeToken(TableContinuationToken? token) => token is null
        ? null
        : Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Token(token.NextPartitionKey, token.NextRowKey, token.NextTableName))));

    private static TableContinuationToken? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        Token? t;
        try { t = JsonSerializer.Deserialize<Token>(Encoding.UTF8.GetString(Convert.FromBase64String(token))); }
        catch (Exception e) when (e is FormatException or JsonException) { throw new ArgumentException("The continuation token is not valid.", nameof(token), e); }
        return t is null ? null : new TableContinuationToken { NextPartitionKey = t.P, NextRowKey = t.R, NextTableName = t.T };
    }
}

/// <summary>Builds OData filter strings for <see cref="Table.QueryAsync"/>.</summary>
internal static class TableFilter
{
    public static string Equal(string property, string value) => TableQuery.GenerateFilterCondition(property, QueryComparisons.Equal, value);
    public static string GreaterOrEqual(string property, string value) => TableQuery.GenerateFilterCondition(property, QueryComparisons.GreaterThanOrEqual, value);
    public static string LessThan(string property, string value) => TableQuery.GenerateFilterCondition(property, QueryComparisons.LessThan, value);
    public static string DateGreaterOrEqual(string property, DateTimeOffset value) => TableQuery.GenerateFilterConditionForDate(property, QueryComparisons.GreaterThanOrEqual, value);
    public static string DateLessOrEqual(string property, DateTimeOffset value) => TableQuery.GenerateFilterConditionForDate(property, QueryComparisons.LessThanOrEqual, value);

    public static string? And(params string?[] filters)
    {
        var parts = filters.Where(f => !string.IsNullOrEmpty(f)).ToArray();
        return parts.Length == 0 ? null : parts.Aggregate((a, b) => TableQuery.CombineFilters(a!, TableOperators.And, b!));
    }

    public static string? Or(IEnumerable<string> filters)
    {
        var parts = filters.ToArray();
        return parts.Length == 0 ? null : parts.Aggregate((a, b) => TableQuery.CombineFilters(a, TableOperators.Or, b));
    }
}
