using Durable.AzureStorage.Internal;
using Durable.Backend;
using Durable.History;

namespace Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationService
{
    /// <inheritdoc />
    /// <remarks>
    /// The instance row is inserted (or, for a terminal instance, replaced under its ETag) before the start message is
    /// sent, so two racing creators cannot both succeed.
    /// </remarks>
    public async Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken = default)
    {
        if (executionStarted.Event is not ExecutionStarted start)
            throw new ArgumentException("The message must carry an ExecutionStarted event.", nameof(executionStarted));
        var now = Now;
        var state = OrchestrationState.Pending(start, now);
        var row = await _instances.ToRowAsync(state, cancellationToken).ConfigureAwait(false);
        if (await _instances.Table.TryInsertAsync(row, cancellationToken).ConfigureAwait(false) is null)
        {
            var existing = await _instances.GetRowAsync(executionStarted.InstanceId, cancellationToken).ConfigureAwait(false);
            // Our own insert, retried after a transient fault hid its success: creating is idempotent per execution id.
            bool ours = existing?.GetString("ExecutionId") == start.ExecutionId;
            bool terminal = existing is not null && Enum.TryParse<OrchestrationRuntimeStatus>(existing.GetString("RuntimeStatus"), out var status) && status.IsTerminal();
            if (!ours && (existing is null || !terminal
                || await _instances.Table.TryReplaceAsync(row, existing.ETag!, cancellationToken).ConfigureAwait(false) is null))
                throw new InstanceAlreadyExistsException(executionStarted.InstanceId);
        }
        await SendAsync(ControlQueueOf(executionStarted.InstanceId), executionStarted, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Events that carry a delivery id go through the control sender, which packs the events that callers raise at the
    /// same time into one queue message per partition (the receiving partition splits it per instance). A redelivered
    /// part is dropped by the instance on its delivery id, so packing does not turn at-least-once into "twice". Other
    /// client messages (terminate, suspend, resume) stay one per queue message.
    /// </remarks>
    public Task SendTaskMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Event is EventRaised { DeliveryId: not null } && message.DeliverAt is null)
            return _controlSender.SendAsync(ControlQueueOf(message.InstanceId), [message], groupByInstance: false).WaitAsync(cancellationToken);
        return SendAsync(ControlQueueOf(message.InstanceId), message, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken = default) =>
        _instances.GetAsync(instanceId, includeInputsAndOutputs, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The continuation token is opaque; a page may hold fewer than PageSize rows even when more follow.</remarks>
    public async Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize < 1) throw new ArgumentOutOfRangeException(nameof(query), "PageSize must be at least 1.");
        string? filter = InstanceStore.BuildFilter(query.Statuses, query.CreatedFrom, query.CreatedTo, query.InstanceIdPrefix);
        var results = new List<OrchestrationState>();
        string? token = query.ContinuationToken;
        do
        {
            var segment = await _instances.Table.QueryAsync(filter, Math.Min(1000, query.PageSize - results.Count), token, null, cancellationToken).ConfigureAwait(false);
            foreach (var row in segment.Rows)
                results.Add(await _instances.FromRowAsync(row, query.IncludeInputsAndOutputs, cancellationToken).ConfigureAwait(false));
            token = segment.ContinuationToken;
        }
        while (token is not null && results.Count < query.PageSize);
        return new OrchestrationQueryResult(results, token);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _history.GetCurrentHistoryAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Deletes the instance row, every history row (all executions), and the instance's large-payload blobs.</remarks>
    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var row = await _instances.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null || !Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var status) || !status.IsTerminal())
            return 0;
        await _history.DeleteAllAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await _large.DeleteInstanceBlobsAsync(instanceId, _options.MaxParallelStorageOperations, cancellationToken).ConfigureAwait(false);
        lock (_gate) _cache.Remove(instanceId);
        return await _instances.Table.DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken, row.ETag!).ConfigureAwait(false) ? 1 : 0;
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal()).ToArray();
        if (statuses.Length == 0) return 0;
        string? query = InstanceStore.BuildFilter(statuses, filter.CreatedFrom, filter.CreatedTo, null);
        var ids = new List<string>();
        await foreach (var row in _instances.Table.QueryAllAsync(query, ["InstanceId"], cancellationToken).ConfigureAwait(false))
            ids.Add(row.GetString("InstanceId") ?? row.PartitionKey);
        int purged = 0;
        await ForEachParallelAsync(ids, async (id, c) =>
        {
            if (await PurgeInstanceAsync(id, c).ConfigureAwait(false) == 1) Interlocked.Increment(ref purged);
        }, cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
