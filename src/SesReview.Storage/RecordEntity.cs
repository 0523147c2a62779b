using Azure.Data.Tables;

namespace SesReview.Storage;

/// <summary>
/// A JSON document as a table entity. A string property holds at most 32 K UTF-16 characters, so the document is split
/// over <c>J0</c>, <c>J1</c>, … of at most <see cref="ChunkChars"/> characters each, with their number in <c>Chunks</c>
/// (the entity as a whole stays under 1 MB for documents up to ~500 K characters).
/// </summary>
internal static class RecordEntity
{
    public const int ChunkChars = 30_000;

    public static TableEntity From(string partitionKey, string rowKey, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var entity = new TableEntity(partitionKey, rowKey);
        int chunks = Math.Max(1, (json.Length + ChunkChars - 1) / ChunkChars);
        for (int i = 0; i < chunks; i++)
            entity[$"J{i}"] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars));
        entity["Chunks"] = chunks;
        return entity;
    }

    public static StoredRecord ToRecord(TableEntity entity)
    {
        int chunks = entity.GetInt32("Chunks") ?? 1;
        string json = chunks == 1
            ? entity.GetString("J0") ?? string.Empty
            : string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"J{i}")));
        return new StoredRecord(entity.PartitionKey, entity.RowKey, json, entity.ETag.ToString());
    }
}
