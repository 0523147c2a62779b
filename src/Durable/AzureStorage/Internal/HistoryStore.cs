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
/// sequence of the row's first event; a row holds the consecutive events of one commit that fit below the large-payload
/// threshold ("Events", a JSON array, and "Count"), or one large event ("Event", possibly in a blob). "sentinel" is the
/// row whose ETag guards every commit and which records the committed event count (rows off the chain from 0 to it, left
/// by a torn write, are ignored), the current execution id and the outbox. Few rows matter on Azurite: it finds a row by
/// scanning its partition, so one row per event made a long history quadratic to write.
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

    /// <summary>
    /// Reads the committed events by following the chain of rows from sequence 0: each row holds the events from the
    /// sequence in its key on ("Count" of them in "Events", or one in "Event"). Rows off the chain or beyond the count
    /// (left by a torn write) are ignored.
    /// </summary>
    private async Task<List<HistoryEvent>> ReadEventsAsync(string instanceId, string executionId, int count, CancellationToken ct)
    {
        string prefix = KeyEncoder.Encode(executionId);
        string filter = TableFilter.And(
            TableFilter.Equal("PartitionKey", KeyEncoder.Encode(instanceId)),
            TableFilter.GreaterOrEqual("RowKey", prefix + "-"),
            TableFilter.LessThan("RowKey", prefix + "."))!;
        var bySequence = new Dictionary<int, TableRow>();
        await foreach (var row in table.QueryAllAsync(filter, null, ct).ConfigureAwait(false))
            if (int.TryParse(row.RowKey.AsSpan(prefix.Length + 1), out int sequence)) bySequence[sequence] = row;
        var chain = new List<TableRow>();
        for (int next = 0; next < count;)
        {
            if (!bySequence.TryGetValue(next, out var row))
                throw new InvalidDataException($"History of '{instanceId}' execution '{executionId}' has no row at event {next}; the sentinel records {count} events.");
            chain.Add(row);
            next += row.GetString("Events") is null && row.GetString("EventsBlob") is null ? 1 : row.GetInt32("Count");
        }
        var parts = new IReadOnlyList<HistoryEvent>[chain.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chain.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, c) =>
            {
                var row = chain[i];
                parts[i] = await large.GetAsync(row, "Events", c).ConfigureAwait(false) is { } packed
                    ? StorageJson.Deserialize<HistoryEvent[]>(packed)
                    : [StorageJson.Deserialize<HistoryEvent>((await large.GetAsync(row, "Event", c).ConfigureAwait(false))!)];
            }).ConfigureAwait(false);
        var events = parts.SelectMany(p => p).ToList();
        if (events.Count != count)
            throw new InvalidDataException($"History of '{instanceId}' execution '{executionId}' has {events.Count} events on its row chain; the sentinel records {count}.");
        return events;
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
        var rows = await PackAsync(instanceId, pk, executionId, baseCount, newEvents, ct).ConfigureAwait(false);

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

    /// <summary>
    /// Packs events into as few rows as fit below the large-payload threshold: a row at sequence s holds events s..s+Count-1
    /// as a JSON array ("Events"). An event too large to share a row gets its own row ("Event", through a blob if needed).
    /// </summary>
    private async Task<List<TableRow>> PackAsync(string instanceId, string pk, string executionId, int baseCount, IReadOnlyList<HistoryEvent> newEvents, CancellationToken ct)
    {
        int maxChars = Math.Max(0, large.ThresholdBytes / 2 - 16);
        var rows = new List<TableRow>();
        var packed = new System.Text.StringBuilder();
        int first = baseCount, inRow = 0;
        void Flush()
        {
            if (inRow == 0) return;
            rows.Add(new TableRow(pk, RowKey(executionId, first))
            {
                ["ExecutionId"] = executionId,
                ["Count"] = inRow,
                ["Events"] = packed.Append(']').ToString(),
            });
            first += inRow;
            inRow = 0;
            packed.Clear();
        }
        foreach (var e in newEvents)
        {
            string json = StorageJson.Serialize(e);
            if (json.Length + 2 > maxChars)
            {
                Flush();
                var row = new TableRow(pk, RowKey(executionId, first)) { ["ExecutionId"] = executionId, ["EventType"] = e.GetType().Name };
                await large.SetAsync(row, "Event", json, instanceId, ct).ConfigureAwait(false);
                rows.Add(row);
                first++;
                continue;
            }
            if (inRow > 0 && packed.Length + 1 + json.Length + 1 > maxChars) Flush();
            packed.Append(inRow == 0 ? '[' : ',').Append(json);
            inRow++;
        }
        Flush();
        return rows;
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
