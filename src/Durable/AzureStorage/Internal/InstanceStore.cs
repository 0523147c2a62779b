using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;

namespace Durable.AzureStorage.Internal;

/// <summary>The <c>{hub}Instances</c> table: one row per instance (PartitionKey = encoded instance id, RowKey = "").</summary>
internal sealed class InstanceStore(Table table, LargePayloads large, TimeProvider time)
{
    private static readonly string[] LargeFields = ["Input", "Output", "CustomStatus", "Failure"];

    public Table Table => table;

    public async Task<TableRow> ToRowAsync(OrchestrationState state, CancellationToken ct)
    {
        var row = new TableRow(KeyEncoder.Encode(state.InstanceId), "")
        {
            ["InstanceId"] = state.InstanceId,
            ["Name"] = state.Name,
            ["ExecutionId"] = state.ExecutionId,
            ["RuntimeStatus"] = state.RuntimeStatus.ToString(),
            // Whole milliseconds: Azurite compares date filters at millisecond precision, so a finer stored value
            // would make CreatedTo bounds inclusive of the next tick's instances.
            ["CreatedAt"] = TruncateToMilliseconds(state.CreatedAt),
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["CompletedAt"] = state.CompletedAt,
            ["Parent"] = state.Parent is null ? null : StorageJson.Serialize(state.Parent),
        };
        string? failure = state.Failure is null ? null : StorageJson.Serialize(state.Failure);
        string?[] values = [state.Input, state.Output, state.CustomStatus, failure];
        for (int i = 0; i < LargeFields.Length; i++)
            await large.SetAsync(row, LargeFields[i], values[i], state.InstanceId, ct).ConfigureAwait(false);
        return row;
    }

    public async Task<OrchestrationState> FromRowAsync(TableRow row, bool includeInputsAndOutputs, CancellationToken ct)
    {
        string? failure = await large.GetAsync(row, "Failure", ct).ConfigureAwait(false);
        string? parent = row.GetString("Parent");
        return new OrchestrationState
        {
            InstanceId = row.GetString("InstanceId") ?? row.PartitionKey,
            ExecutionId = row.GetString("ExecutionId") ?? "",
            Name = row.GetString("Name") ?? "",
            RuntimeStatus = Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var s) ? s : OrchestrationRuntimeStatus.Pending,
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? row.Timestamp,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? row.Timestamp,
            CompletedAt = row.GetDateTimeOffset("CompletedAt"),
            Input = includeInputsAndOutputs ? await large.GetAsync(row, "Input", ct).ConfigureAwait(false) : null,
            Output = includeInputsAndOutputs ? await large.GetAsync(row, "Output", ct).ConfigureAwait(false) : null,
            CustomStatus = await large.GetAsync(row, "CustomStatus", ct).ConfigureAwait(false),
            Failure = failure is null ? null : StorageJson.Deserialize<FailureDetails>(failure),
            Parent = parent is null ? null : StorageJson.Deserialize<ParentInstance>(parent),
        };
    }

    public Task<TableRow?> GetRowAsync(string instanceId, CancellationToken ct) => table.GetAsync(KeyEncoder.Encode(instanceId), "", ct);

    public async Task<OrchestrationState?> GetAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken ct)
    {
        var row = await GetRowAsync(instanceId, ct).ConfigureAwait(false);
        return row is null ? null : await FromRowAsync(row, includeInputsAndOutputs, ct).ConfigureAwait(false);
    }

    public async Task WriteAsync(OrchestrationState state, CancellationToken ct) =>
        await table.InsertOrReplaceAsync(await ToRowAsync(state, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>Marks an existing instance failed (poison message). No-op if the row does not exist.</summary>
    public async Task MarkFailedAsync(string instanceId, FailureDetails failure, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var row = new TableRow(KeyEncoder.Encode(instanceId), "")
        {
            ["RuntimeStatus"] = OrchestrationRuntimeStatus.Failed.ToString(),
            ["LastUpdatedAt"] = now,
            ["CompletedAt"] = now,
        };
        await large.SetAsync(row, "Failure", StorageJson.Serialize(failure), instanceId, ct).ConfigureAwait(false);
        row["FailureBlob"] ??= "";
        await table.TryMergeAsync(row, "*", ct).ConfigureAwait(false);
    }

    public static string? BuildFilter(IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, string? idPrefix)
    {
        string? prefixFilter = null;
        if (!string.IsNullOrEmpty(idPrefix))
        {
            string lower = KeyEncoder.Encode(idPrefix);
            string upper = lower[..^1] + (char)(lower[^1] + 1);
            prefixFilter = TableFilter.And(TableFilter.GreaterOrEqual("PartitionKey", lower), TableFilter.LessThan("PartitionKey", upper));
        }
        string? statusFilter = statuses is { Count: > 0 }
            ? TableFilter.Or(statuses.Distinct().Select(s => TableFilter.Equal("RuntimeStatus", s.ToString())))
            : null;
        return TableFilter.And(
            prefixFilter,
            statusFilter,
            createdFrom is { } from ? TableFilter.DateGreaterOrEqual("CreatedAt", from) : null,
            createdTo is { } to ? TableFilter.DateLessOrEqual("CreatedAt", to) : null);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Offset);
}
