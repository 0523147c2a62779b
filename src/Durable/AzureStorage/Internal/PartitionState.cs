using Durable.AzureStorage.Storage;
using Durable.Backend;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// A control-queue message held by this worker (buffered or in a work item): one or several (a batch of results) task
/// messages, all for one instance. Guarded by the service's gate.
/// </summary>
internal sealed class ControlMessage(string id, string popReceipt, int dequeueCount, QueueEnvelope envelope, IReadOnlyList<TaskMessage> messages)
{
    public string Id { get; } = id;
    public string PopReceipt { get; set; } = popReceipt;
    public int DequeueCount { get; set; } = dequeueCount;
    public QueueEnvelope Envelope { get; } = envelope;
    public IReadOnlyList<TaskMessage> Messages { get; } = messages;
    public string InstanceId => Messages[0].InstanceId;
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
