namespace SesReview.Storage;

/// <summary>One stored record: a JSON document under a partition and row key, with the ETag that guards replacing it.</summary>
public sealed record StoredRecord(string PartitionKey, string RowKey, string Json, string ETag);
