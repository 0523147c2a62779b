using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;

namespace Durable.AzureStorage.Internal;

/// <summary>A message the checkpoint sends after the history commit. Lower phases are sent before higher ones.</summary>
internal sealed record OutboundMessage(bool ToWorkItemQueue, TaskMessage Message, int Phase = 0);

/// <summary>
/// An instance's committed state as the worker holding it sees it. Kept in the history cache between episodes; the
/// sentinel ETag makes a stale copy harmless (its commit is refused).
/// </summary>
internal sealed class InstanceSnapshot
{
    public string? SentinelETag { get; init; }
    /// <summary>Execution the sentinel points at; empty before the first commit.</summary>
    public string ExecutionId { get; init; } = "";
    public required List<HistoryEvent> Events { get; init; }
    public OrchestrationState? State { get; init; }
    /// <summary>Start of the next execution after ContinueAsNew, until that execution's first commit.</summary>
    public ExecutionStarted? PendingStart { get; init; }
    /// <summary>Messages the last commit had to send; re-sent when it is not known that they were.</summary>
    public IReadOnlyList<OutboundMessage> Outbox { get; init; } = [];
    /// <summary>Queue message ids the last commit consumed; a re-delivered one is deleted, not processed again.</summary>
    public IReadOnlyList<string> ConsumedIds { get; init; } = [];
    public bool OutboxFlushed { get; set; }
}

/// <summary>
/// The <c>{hub}History</c> table. PartitionKey = encoded instance id. RowKey = encoded execution id + '-' + 8-digit
/// sequence for events; "sentinel" for the row whose ETag guards every commit and which records the committed event
/// count (rows beyond it, left by a torn write, are ignored), the current execution id and the outbox.
/// </summary>
internal sealed class HistoryStore(Table table, InstanceStore instances, LargePayloads large, int parallelism)
{
    public const string SentinelRowKey = "sentinel";
    private const int RowsPerBatch = 98; // + sentinel, within the 100-operation limit
    private const long BytesPerBatch = 3_000_000; // within the 4 MB batch limit

    public Table Table => table;

    public static string RowKey(string executionId, int sequence) => $"{KeyEncoder.Encode(executionId)}-{sequence:D8}";

    public async Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken ct)
    {
        string pk = KeyEncoder.Encode(instanceId);
        var stateTask = instances.GetAsync(instanceId, includeInputsAndOutputs: true, ct);
        var sentinel = await table.GetAsync(pk, SentinelRowKey, ct).ConfigureAwait(false);
        if (sentinel is null)
            return new InstanceSnapshot { Events = [], State = await stateTask.ConfigureAwait(false) };

        string executionId = sentinel.GetString("ExecutionId") ?? "";
        int count = sentinel.GetInt32("EventCount");
        var events = count == 0 ? [] : await ReadEventsAsync(instanceId, executionId, count, ct).ConfigureAwait(false);
        string? pendingStart = await large.GetAsync(sentinel, "PendingStart", ct).ConfigureAwait(false);
        string? outbox = await large.GetAsync(sentinel, "Outbox", ct).ConfigureAwait(false);
        string? consumed = await large.GetAsync(sentinel, "ConsumedIds", ct).ConfigureAwait(false);
        return new InstanceSnapshot
        {
            SentinelETag = sentinel.ETag,
            ExecutionId = executionId,
            Events = events,
            State = await stateTask.ConfigureAwait(false),
            PendingStart = pendingStart is null ? null : StorageJson.Deserialize<ExecutionStarted>(pendingStart),
            Outbox = outbox is null ? [] : StorageJson.Deserialize<OutboundMessage[]>(outbox),
            ConsumedIds = consumed is null ? [] : StorageJson.Deserialize<string[]>(consumed),
            OutboxFlushed = false,
        };
    }

    /// <summary>The current execution's committed events (empty if none).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetCurrentHistoryAsync(string instanceId, CancellationToken ct)
    {
        var sentinel = await table.GetAsync(KeyEncoder.Encode(instanceId), SentinelRowKey, ct).ConfigureAwait(false);
        if (sentinel is null) return [];
        int count = sentinel.GetInt32("EventCount");
        return count == 0 ? [] : await ReadEventsAsync(instanceId, sentinel.GetString("ExecutionId") ?? "", count, ct).ConfigureAwait(false);
    }

    private async Task<List<HistoryEvent>> ReadEventsAsync(string instanceId, string executionId, int count, CancellationToken ct)
    {
        string prefix = KeyEncoder.Encode(executionId);
        string filter = TableFilter.And(
            TableFilter.Equal("PartitionKey", KeyEncoder.Encode(instanceId)),
            TableFilter.GreaterOrEqual("RowKey", prefix + "-"),
            TableFilter.LessThan("RowKey", prefix + "."))!;
        var rows = new List<TableRow>(count);
        await foreach (var row in table.QueryAllAsync(filter, null, ct).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count == count) break;
        }
        if (rows.Count < count)
            throw new InvalidDataException($"History of '{instanceId}' execution '{executionId}' has {rows.Count} rows; the sentinel records {count}.");
        var events = new HistoryEvent[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, c) => events[i] = StorageJson.Deserialize<HistoryEvent>((await large.GetAsync(rows[i], "Event", c).ConfigureAwait(false))!)).ConfigureAwait(false);
        return [.. events];
    }

    /// <summary>
    /// Appends <paramref name="newEvents"/> to <paramref name="executionId"/> (starting at <paramref name="baseCount"/>) and
    /// replaces the sentinel, guarded by the loaded sentinel ETag. Rows go in entity-group batches of at most 98 rows, each
    /// batch carrying an ETag-guarded sentinel update, so a worker that lost the instance cannot write a single row; the
    /// last batch records the new event count. Returns the new sentinel ETag, or null if the ETag no longer matched.
    /// </summary>
    public async Task<string?> CommitAsync(
        string instanceId,
        string? sentinelETag,
        string executionId,
        int baseCount,
        IReadOnlyList<HistoryEvent> newEvents,
        ExecutionStarted? continueAsNewStart,
        IReadOnlyList<OutboundMessage> outbox,
        IReadOnlyList<string> consumedIds,
        CancellationToken ct)
    {
        string pk = KeyEncoder.Encode(instanceId);
        var rows = new TableRow[newEvents.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, newEvents.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, c) =>
            {
                var row = new TableRow(pk, RowKey(executionId, baseCount + i))
                {
                    ["ExecutionId"] = executionId,
                    ["EventType"] = newEvents[i].GetType().Name,
                };
                await large.SetAsync(row, "Event", StorageJson.Serialize(newEvents[i]), instanceId, c).ConfigureAwait(false);
                rows[i] = row;
            }).ConfigureAwait(false);

        var final = new TableRow(pk, SentinelRowKey)
        {
            ["ExecutionId"] = continueAsNewStart?.ExecutionId ?? executionId,
            ["EventCount"] = continueAsNewStart is null ? baseCount + newEvents.Count : 0,
            ["WritingCount"] = 0,
        };
        await large.SetAsync(final, "PendingStart", continueAsNewStart is null ? null : StorageJson.Serialize(continueAsNewStart), instanceId, ct).ConfigureAwait(false);
        await large.SetAsync(final, "Outbox", outbox.Count == 0 ? null : StorageJson.Serialize(outbox), instanceId, ct).ConfigureAwait(false);
        await large.SetAsync(final, "ConsumedIds", consumedIds.Count == 0 ? null : StorageJson.Serialize(consumedIds), instanceId, ct).ConfigureAwait(false);

        var chunks = Chunk(rows);
        string? etag = sentinelETag;
        int written = 0;
        for (int i = 0; i < chunks.Count; i++)
        {
            bool last = i == chunks.Count - 1;
            var items = chunks[i].Select(r => new TableBatchItem(TableBatchItemKind.InsertOrReplace, r)).ToList();
            written += chunks[i].Count;
            TableRow sentinel;
            if (last) sentinel = final;
            else if (etag is null) sentinel = new TableRow(pk, SentinelRowKey) { ["ExecutionId"] = executionId, ["EventCount"] = 0, ["WritingCount"] = baseCount + written };
            else sentinel = new TableRow(pk, SentinelRowKey) { ["WritingCount"] = baseCount + written };
            items.Add(etag is null
                ? new TableBatchItem(TableBatchItemKind.Insert, sentinel)
                : new TableBatchItem(last ? TableBatchItemKind.Replace : TableBatchItemKind.Merge, sentinel, etag));
            var result = await table.TryExecuteBatchAsync(items, ct).ConfigureAwait(false);
            if (result is null) return null;
            etag = result[^1];
        }
        return etag;
    }

    private static List<List<TableRow>> Chunk(IReadOnlyList<TableRow> rows)
    {
        var chunks = new List<List<TableRow>> { new() };
        long bytes = 0;
        foreach (var row in rows)
        {
            long size = 256 + row.Properties.Values.Sum(v => v is string s ? s.Length * 2L : 16);
            if (chunks[^1].Count == RowsPerBatch || (chunks[^1].Count > 0 && bytes + size > BytesPerBatch))
            {
                chunks.Add([]);
                bytes = 0;
            }
            chunks[^1].Add(row);
            bytes += size;
        }
        return chunks;
    }

    /// <summary>Deletes every history row of the instance (all executions and the sentinel). Returns the number deleted.</summary>
    public async Task<int> DeleteAllAsync(string instanceId, CancellationToken ct)
    {
        string pk = KeyEncoder.Encode(instanceId);
        var keys = new List<string>();
        await foreach (var row in table.QueryAllAsync(TableFilter.Equal("PartitionKey", pk), ["RowKey"], ct).ConfigureAwait(false))
            keys.Add(row.RowKey);
        foreach (var chunk in keys.Chunk(100))
        {
            var items = chunk.Select(k => new TableBatchItem(TableBatchItemKind.Delete, new TableRow(pk, k), "*")).ToList();
            if (await table.TryExecuteBatchAsync(items, ct).ConfigureAwait(false) is null)
                foreach (string k in chunk) await table.DeleteAsync(pk, k, ct).ConfigureAwait(false); // some row vanished meanwhile
        }
        return keys.Count;
    }
}
