using Durable.Core;

namespace Durable.Worker;

/// <summary>
/// Bounded LRU of live executors ("extended sessions"). An entry is taken out while its episode runs and put back only
/// after the checkpoint committed, so a failed or refused episode never leaves a state that is ahead of storage.
/// </summary>
internal sealed class ExecutorCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecutor>> _byInstance = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecutor> _lru = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byInstance.Count;
            }
        }
    }

    /// <summary>Removes and returns the executor if it reflects exactly the committed history the backend handed out.</summary>
    public OrchestrationExecutor? Take(string instanceId, string? executionId, int historyCount)
    {
        lock (_gate)
        {
            if (!_byInstance.Remove(instanceId, out var node))
            {
                return null;
            }

            _lru.Remove(node);
            var executor = node.Value;
            return executor.ExecutionId == executionId && executor.HistoryCount == historyCount ? executor : null;
        }
    }

    public void Put(OrchestrationExecutor executor)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_byInstance.Remove(executor.InstanceId, out var existing))
            {
                _lru.Remove(existing);
            }

            _byInstance[executor.InstanceId] = _lru.AddFirst(executor);
            while (_byInstance.Count > capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _byInstance.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Evict(string instanceId)
    {
        lock (_gate)
        {
            if (_byInstance.Remove(instanceId, out var node))
            {
                _lru.Remove(node);
            }
        }
    }
}
