namespace Durable.AzureStorage.Storage;

/// <summary>
/// One table entity, free of SDK types. Property values are string, int, long, bool, double, Guid, byte[] or
/// DateTimeOffset; a null value is not stored.
/// </summary>
internal sealed class TableRow(string partitionKey, string rowKey)
{
    public string PartitionKey { get; } = partitionKey;
    public string RowKey { get; } = rowKey;
    public string? ETag { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.GetValueOrDefault(name);
        set => Properties[name] = value;
    }

    public string? GetString(string name) => this[name] as string;

    public int GetInt32(string name, int fallback = 0) => this[name] switch
    {
        int i => i,
        long l => (int)l,
        string s when int.TryParse(s, out int i) => i,
        _ => fallback,
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s when DateTimeOffset.TryParse(s, out var d) => d,
        _ => null,
    };
}

/// <summary>One operation of an entity-group transaction (same partition key, at most 100 per batch).</summary>
internal sealed record TableBatchItem(TableBatchItemKind Kind, TableRow Row, string? ETag = null);

internal enum TableBatchItemKind
{
    Insert,
    InsertOrReplace,
    InsertOrMerge,
    /// <summary>Replace with If-Match <see cref="TableBatchItem.ETag"/> ("*" for any).</summary>
    Replace,
    /// <summary>Merge with If-Match <see cref="TableBatchItem.ETag"/> ("*" for any).</summary>
    Merge,
    Delete,
}

internal sealed record TableSegment(IReadOnlyList<TableRow> Rows, string? ContinuationToken);
