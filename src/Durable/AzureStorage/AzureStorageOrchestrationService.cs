using Durable.AzureStorage.Internal;
using Durable.AzureStorage.Storage;
using Durable.Backend;
using Durable.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durable.AzureStorage;

/// <summary>
/// <see cref="IOrchestrationService"/> on Azure Storage (or Azurite), laid out like the Durable Task Framework's Azure
/// Storage provider: a history table guarded by a sentinel row's ETag, an instances table, control queues hashed by
/// instance id, a work-item queue for activities, a poison queue and a blob container for large payloads.
/// <para>
/// Guarantees: control-queue partitions are leased to one worker at a time (<c>{hub}Leases</c> table, rebalanced between
/// live workers), so one worker runs an instance; a commit by a worker that lost its lease is refused
/// (<see cref="WorkItemLockLostException"/>) before any row is written. Messages are delivered at least once; outbound
/// messages of a committed episode are recorded with the commit and re-sent if the worker died before sending them.
/// Transient storage faults are retried with back-off (bounded per call); the polling calls log them and return null
/// instead of throwing, so a worker survives a storage outage and resumes when storage is back.
/// </para>
/// Dispose the service to stop its background loops and hand its partitions to other workers at once.
/// </summary>
public sealed partial class AzureStorageOrchestrationService : IOrchestrationService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TaskHubLayout _layout;
    private readonly LargePayloads _large;
    private readonly MessageCodec _codec;
    private readonly InstanceStore _instances;
    private readonly HistoryStore _history;
    private readonly Table _leases;
    private readonly Queue[] _controlQueues;
    private readonly Queue _workItems;
    private readonly Queue _poison;
    private readonly TimeProvider _time;
    private readonly StorageRetryPolicy _retry;
    private readonly BatchingSender _workItemSender;
    private readonly BatchingSender _controlSender;

    private readonly object _gate = new();
    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly Dictionary<string, InstanceSnapshot> _cache = new(StringComparer.Ordinal);
    private readonly Queue<string> _cacheOrder = new();
    private TaskCompletionSource _workSignal = NewSignal();
    private int _roundRobin;

    private readonly CancellationTokenSource _shutdown = new();
    private Task? _partitionLoop;
    private bool _disposed;

    public AzureStorageOrchestrationService(AzureStorageOrchestrationServiceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Durable.AzureStorage");
        var retry = _retry = new StorageRetryPolicy(options.StorageRetryInitialDelay, options.StorageRetryMaxDelay, options.StorageRetryMaxDuration, _logger, options.MaxConcurrentStorageRequests);
        var client = new StorageClient(options.ConnectionString, retry, options.StorageRequestTimeout, _logger);
        _layout = new TaskHubLayout(options.TaskHubName, options.PartitionCount);
        _large = new LargePayloads(client.GetBlobContainer(_layout.LargeMessageContainer), options.LargePayloadThresholdBytes);
        _codec = new MessageCodec(_large);
        _instances = new InstanceStore(client.GetTable(_layout.InstancesTable), _large, _time);
        _history = new HistoryStore(client.GetTable(_layout.HistoryTable), _instances, _large, options.MaxParallelStorageOperations);
        _leases = client.GetTable(_layout.LeasesTable);
        _controlQueues = Enumerable.Range(0, options.PartitionCount).Select(i => client.GetQueue(_layout.ControlQueue(i))).ToArray();
        _workItems = client.GetQueue(_layout.WorkItemQueue);
        _poison = client.GetQueue(_layout.PoisonQueue);
        _workItemSender = new BatchingSender(_codec, options.MaxActivitiesPerMessage, options.MaxParallelStorageOperations);
        _controlSender = new BatchingSender(_codec, options.MaxResultsPerMessage, options.MaxParallelStorageOperations);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    public AzureStorageOrchestrationServiceOptions Options => _options;

    // ----- test and diagnostics hooks -----
    internal Table HistoryTable => _history.Table;
    internal Table InstancesTable => _instances.Table;
    internal Queue PoisonQueue => _poison;
    internal Queue WorkItemQueue => _workItems;
    internal Queue ControlQueue(int partition) => _controlQueues[partition];
    internal BlobContainer LargeMessages => _large.Container;
    internal int TimerChainCount;
    /// <summary>Queue messages written by the batching senders: work-item queue and control queues (diagnostics and tests).</summary>
    internal int WorkItemQueueMessagesSent => _workItemSender.QueueMessagesSent;
    internal int ControlQueueBatchMessagesSent => _controlSender.QueueMessagesSent;
    internal int OwnedPartitionCount { get { lock (_gate) return _owned.Values.Count(p => !p.Draining); } }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            _history.Table.CreateIfNotExistsAsync(cancellationToken),
            _instances.Table.CreateIfNotExistsAsync(cancellationToken),
            _leases.CreateIfNotExistsAsync(cancellationToken),
            _workItems.CreateIfNotExistsAsync(cancellationToken),
            _poison.CreateIfNotExistsAsync(cancellationToken),
            _large.Container.CreateIfNotExistsAsync(cancellationToken),
            Task.WhenAll(_controlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken)))).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, _options.PartitionCount).Select(i =>
            _leases.TryInsertAsync(NewPartitionRow(i, "", DateTimeOffset.UnixEpoch), cancellationToken))).ConfigureAwait(false);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await Task.WhenAll(
            _history.Table.DeleteIfExistsAsync(cancellationToken),
            _instances.Table.DeleteIfExistsAsync(cancellationToken),
            _leases.DeleteIfExistsAsync(cancellationToken),
            _workItems.DeleteIfExistsAsync(cancellationToken),
            _poison.DeleteIfExistsAsync(cancellationToken),
            _large.Container.DeleteIfExistsAsync(cancellationToken),
            Task.WhenAll(_controlQueues.Select(q => q.DeleteIfExistsAsync(cancellationToken)))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await StopAsync().ConfigureAwait(false);
        if (_retry.StatsReport() is { } stats)
            _logger.LogWarning("Storage calls of hub {Hub}:{NewLine}{Stats}", _options.TaskHubName, Environment.NewLine, stats);
        _disposed = true;
        _shutdown.Dispose();
    }

    /// <summary>Stops the lease and fetch loops and releases this worker's partitions so others take them over at once.</summary>
    private async Task StopAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        if (_partitionLoop is not null)
            await _partitionLoop.ConfigureAwait(false);
        await ReleaseBufferedActivitiesAsync().ConfigureAwait(false);
        List<OwnedPartition> owned;
        lock (_gate) owned = [.. _owned.Values];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var partition in owned)
        {
            try
            {
                await ReleasePartitionAsync(partition, giveUpLease: true, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Could not release partition {Partition} on shutdown", partition.Index);
            }
        }
        if (_partitionLoop is not null)
        {
            try { await _leases.DeleteAsync("workers", _options.WorkerId, cts.Token).ConfigureAwait(false); }
            catch (Exception e) { _logger.LogDebug(e, "Could not remove the worker heartbeat"); }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalWork()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _workSignal;
            _workSignal = NewSignal();
        }
        signal.TrySetResult();
    }

    private TimeSpan DelayUntil(DateTimeOffset? deliverAt)
    {
        if (deliverAt is not { } at) return TimeSpan.Zero;
        var delay = at - Now;
        if (delay <= TimeSpan.Zero) return TimeSpan.Zero;
        // The queue service counts visibility delays in whole seconds: round up so that a timer never fires early.
        delay = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        return delay > _options.MaxTimerDelay ? _options.MaxTimerDelay : delay;
    }

    private Queue ControlQueueOf(string instanceId) => _controlQueues[_layout.PartitionOf(instanceId)];

    private async Task SendAsync(Queue queue, TaskMessage message, CancellationToken ct)
    {
        string text = await _codec.EncodeAsync(message, ct).ConfigureAwait(false);
        await queue.AddAsync(text, DelayUntil(message.DeliverAt), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a checkpoint's messages, phase by phase. Activity executions go through the work-item sender (several per
    /// queue message, possibly with other instances' ones), messages to instances through the control sender (several
    /// per queue message, one instance per message); timer messages go one by one (their delay is the message's).
    /// </summary>
    private async Task SendOutboxAsync(IReadOnlyList<OutboundMessage> outbox, CancellationToken ct)
    {
        foreach (var phase in outbox.GroupBy(m => m.Phase).OrderBy(g => g.Key))
        {
            var sends = new List<Task>();
            var activities = phase.Where(m => m.ToWorkItemQueue).Select(m => m.Message).ToList();
            if (activities.Count > 0) sends.Add(_workItemSender.SendAsync(_workItems, activities, groupByInstance: false));
            foreach (var group in phase.Where(m => !m.ToWorkItemQueue && m.Message.DeliverAt is null).GroupBy(m => _layout.PartitionOf(m.Message.InstanceId)))
                sends.Add(_controlSender.SendAsync(_controlQueues[group.Key], [.. group.Select(m => m.Message)], groupByInstance: true));
            var timers = phase.Where(m => !m.ToWorkItemQueue && m.Message.DeliverAt is not null).ToList();
            if (timers.Count > 0)
                sends.Add(ForEachParallelAsync(timers, (m, c) => SendAsync(ControlQueueOf(m.Message.InstanceId), m.Message, c), ct));
            await Task.WhenAll(sends).WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private Task ForEachParallelAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> action, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelStorageOperations, CancellationToken = ct },
            async (item, c) => await action(item, c).ConfigureAwait(false));

    private async Task MoveToPoisonAsync(Queue source, QueueMessage message, string? instanceId, string description, CancellationToken ct)
    {
        string body = StorageJson.Serialize(new PoisonRecord(source.Name, message.Id, message.DequeueCount, instanceId, description, message.Text, Now));
        await _poison.AddAsync(body, null, ct).ConfigureAwait(false);
        await source.DeleteAsync(message.Id, message.PopReceipt, ct).ConfigureAwait(false);
        _logger.LogError("Poison message: {Description}", description);
    }

    private sealed record PoisonRecord(string Queue, string MessageId, int DequeueCount, string? InstanceId, string Reason, string Body, DateTimeOffset MovedAt);
}
