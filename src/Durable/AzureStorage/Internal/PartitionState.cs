using Durable.AzureStorage.Storage;
using Durable.Backend;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// A control-queue message held by this worker (buffered or in a work item): one or several task messages, all for one
/// instance. It is either a whole queue message, or one instance's part of a <see cref="SharedControlMessage"/> (activity
/// results for several instances of the partition); a part's <see cref="Id"/> is "{queue message id}:{part index}", so
/// each instance records and recognizes its own part as consumed. Guarded by the service's gate.
/// </summary>
internal sealed class ControlMessage(string id, string popReceipt, int dequeueCount, QueueEnvelope envelope, IReadOnlyList<TaskMessage> messages, SharedControlMessage? shared = null, ActivityBatch? localOrigin = null)
{
    /// <summary>
    /// Set for an activity result handed over in memory (no queue message): the work-item message it answers stays
    /// until the episode that applies the result commits, so a crash re-runs the activity instead of losing the result.
    /// </summary>
    public ActivityBatch? LocalOrigin { get; } = localOrigin;
    public bool IsLocal => LocalOrigin is not null;
    /// <summary>A local result or shared-message part already counted as consumed or given back (counted once only).</summary>
    public bool Resolved { get; set; }

    private string _popReceipt = popReceipt;
    private int _dequeueCount = dequeueCount;

    public string Id { get; } = id;
    public SharedControlMessage? Shared { get; } = shared;
    /// <summary>The queue message's id (of the shared message for a part).</summary>
    public string QueueId => Shared?.QueueId ?? Id;
    public string PopReceipt { get => Shared?.PopReceipt ?? _popReceipt; set { if (Shared is not null) Shared.PopReceipt = value; else _popReceipt = value; } }
    public int DequeueCount { get => Shared?.DequeueCount ?? _dequeueCount; set { if (Shared is not null) Shared.DequeueCount = value; else _dequeueCount = value; } }
    public QueueEnvelope Envelope { get; } = envelope;
    public IReadOnlyList<TaskMessage> Messages { get; } = messages;
    public string InstanceId => Messages[0].InstanceId;
}

/// <summary>
/// A control-queue message carrying activity results for several instances, split into one <see cref="ControlMessage"/>
/// part per instance. The queue message is deleted when every part is consumed; a part given back (abandoned episode,
/// partition handed over) is re-enqueued as a message of its own, so the others need not run again. Only activity results
/// travel this way: a part processed twice (after a crash) is dropped by task id. Guarded by the service's gate.
/// </summary>
internal sealed class SharedControlMessage(string queueId, string popReceipt, int dequeueCount, int parts)
{
    public string QueueId { get; } = queueId;
    public string PopReceipt { get; set; } = popReceipt;
    public int DequeueCount { get; set; } = dequeueCount;
    public int Remaining { get; set; } = parts;
    /// <summary>A part could not be re-enqueued on its own: make the whole message visible again instead of deleting it.</summary>
    public bool AnyReturned { get; set; }
}

/// <summary>
/// A control-queue partition this worker holds the lease of. Only the owner reads the queue, so an instance is locked by
/// marking it busy in memory; messages that arrive for a busy instance wait in <see cref="Pending"/> and form its next work item.
/// All members are guarded by the service's gate.
/// </summary>
internal sealed class OwnedPartition(int index, Queue queue)
{
    public int Index { get; } = index;
    public Queue Queue { get; } = queue;
    public string LeaseETag { get; set; } = "";
    public DateTimeOffset LeaseExpiresAt { get; set; }
    /// <summary>Being handed to another worker: no new work is taken; the lease is released when <see cref="Busy"/> is empty.</summary>
    public bool Draining { get; set; }
    public CancellationTokenSource FetchCancellation { get; } = new();
    public Task FetchLoop { get; set; } = Task.CompletedTask;

    public Dictionary<string, List<ControlMessage>> Pending { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ControlMessage> Known { get; } = new(StringComparer.Ordinal);
    /// <summary>Shared (several-instance) messages held, by queue message id.</summary>
    public Dictionary<string, SharedControlMessage> SharedKnown { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Busy { get; } = new(StringComparer.Ordinal);
    public Queue<string> Ready { get; } = new();
    public int PendingCount { get; set; }

    public bool IsUsable(DateTimeOffset now) => !Draining && LeaseExpiresAt > now;

    /// <summary>Adds a newly dequeued message, or refreshes the receipt of one already held. Returns true if new.</summary>
    public bool Add(ControlMessage message)
    {
        if (Known.TryGetValue(message.Id, out var existing))
        {
            existing.PopReceipt = message.PopReceipt;
            existing.DequeueCount = message.DequeueCount;
            return false;
        }
        Known[message.Id] = message;
        string instanceId = message.InstanceId;
        if (!Pending.TryGetValue(instanceId, out var list))
        {
            Pending[instanceId] = list = [];
            if (!Busy.Contains(instanceId)) Ready.Enqueue(instanceId);
        }
        list.Add(message);
        PendingCount++;
        return true;
    }

    /// <summary>Removes and returns every buffered (not in-flight) message.</summary>
    public List<ControlMessage> DrainPending()
    {
        var all = Pending.Values.SelectMany(l => l).ToList();
        foreach (var m in all) Known.Remove(m.Id);
        Pending.Clear();
        Ready.Clear();
        PendingCount = 0;
        return all;
    }
}

/// <summary>What the service keeps in <see cref="OrchestrationWorkItem.BackendState"/>.</summary>
internal sealed class OrchestrationSession(OwnedPartition partition, List<ControlMessage> messages, InstanceSnapshot snapshot, string executionId, bool newExecution, bool loadedFromStorage)
{
    public OwnedPartition Partition { get; } = partition;
    public List<ControlMessage> Messages { get; } = messages;
    public InstanceSnapshot Snapshot { get; } = snapshot;
    public string ExecutionId { get; } = executionId;
    public bool NewExecution { get; } = newExecution;
    public bool LoadedFromStorage { get; } = loadedFromStorage;
    public bool Finished { get; set; }
}

/// <summary>
/// One work-item queue message and the activity work items it carries. The message is deleted when every item has
/// completed (its result is in a control queue); if any item was abandoned or dropped, it is made visible again instead
/// and every item runs again (at least once; the orchestration drops results it already has). Renewals of the shared
/// message are serialized and coalesced.
/// </summary>
internal sealed class ActivityBatch(string messageId, string popReceipt, int dequeueCount, QueueEnvelope envelope, int itemCount, DateTimeOffset fetchedAt)
{
    public string MessageId { get; } = messageId;
    public string PopReceipt { get; set; } = popReceipt;
    public int DequeueCount { get; } = dequeueCount;
    public QueueEnvelope Envelope { get; } = envelope;
    public DateTimeOffset FetchedAt { get; } = fetchedAt;
    /// <summary>When the message's visibility was last extended (or it was fetched).</summary>
    public DateTimeOffset RenewedAt { get; set; } = fetchedAt;
    /// <summary>Serializes renewals, the final delete and the final visibility update.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public int Remaining = itemCount;
    public bool AnyAbandoned;
    public bool Lost;
}

/// <summary>What the service keeps in <see cref="ActivityWorkItem.BackendState"/>: the item's batch and whether it is done.</summary>
internal sealed class ActivitySession(ActivityBatch batch)
{
    public ActivityBatch Batch { get; } = batch;
    public bool Finished { get; set; }
}
