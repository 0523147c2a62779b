using Durable.AzureStorage.Storage;
using Durable.Backend;

namespace Durable.AzureStorage.Internal;

/// <summary>
/// Sends task messages to queues with as few queue messages as possible ("group commit"): per queue, one send round is
/// in flight at a time; whatever callers offer meanwhile waits and goes out together in the next round, packed by
/// <see cref="MessageCodec.EncodeBatchesAsync"/>. A caller's task completes when its messages are in the queue (or
/// fails with the round's error). Nothing is delayed when the queue is idle: the first caller's round starts at once.
/// <para>
/// <c>groupByInstance</c> keeps every queue message to one instance; otherwise a queue message may carry several
/// instances' messages (work-item queue; activity results on a control queue, which the receiving partition splits).
/// </para>
/// </summary>
internal sealed class BatchingSender(MessageCodec codec, int maxPerMessage, int parallelism)
{
    private sealed class Lane(Queue queue, bool groupByInstance)
    {
        public Queue Queue { get; } = queue;
        public bool GroupByInstance { get; } = groupByInstance;
        public List<(IReadOnlyList<TaskMessage> Messages, TaskCompletionSource Done)> Waiting = [];
        public bool Running;
    }

    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Queue messages written (diagnostics and tests).</summary>
    public int QueueMessagesSent;

    public Task SendAsync(Queue queue, IReadOnlyList<TaskMessage> messages, bool groupByInstance)
    {
        if (messages.Count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Lane lane;
        bool start;
        lock (_lanes)
        {
            string key = (groupByInstance ? "i:" : "m:") + queue.Name;
            if (!_lanes.TryGetValue(key, out lane!)) _lanes[key] = lane = new Lane(queue, groupByInstance);
            lane.Waiting.Add((messages, done));
            start = !lane.Running;
            lane.Running = true;
        }
        if (start) _ = Task.Run(() => RunAsync(lane));
        return done.Task;
    }

    private async Task RunAsync(Lane lane)
    {
        while (true)
        {
            List<(IReadOnlyList<TaskMessage> Messages, TaskCompletionSource Done)> round;
            lock (_lanes)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Running = false;
                    return;
                }
                round = lane.Waiting;
                lane.Waiting = [];
            }
            try
            {
                var all = round.SelectMany(r => r.Messages).ToList();
                var groups = lane.GroupByInstance
                    ? all.GroupBy(m => m.InstanceId, StringComparer.Ordinal).Select(g => (IReadOnlyList<TaskMessage>)g.ToList()).ToList()
                    : [all];
                var texts = new List<string>();
                foreach (var group in groups)
                    texts.AddRange(await codec.EncodeBatchesAsync(group, maxPerMessage, CancellationToken.None).ConfigureAwait(false));
                // Not cancellable: the storage retry policy bounds each call, and a half-sent round is re-sent by the outbox.
                await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                    async (text, c) => await lane.Queue.AddAsync(text, null, c).ConfigureAwait(false)).ConfigureAwait(false);
                Interlocked.Add(ref QueueMessagesSent, texts.Count);
                foreach (var r in round) r.Done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var r in round) r.Done.TrySetException(e);
            }
        }
    }
}
