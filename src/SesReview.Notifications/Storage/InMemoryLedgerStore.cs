using System.Collections.Concurrent;

namespace SesReview.Notifications.Storage;

/// <summary>A ledger in memory with the same optimistic-concurrency behaviour as the table store; for tests.</summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<(string, string), LedgerEntry> _rows = new();
    private readonly Lock _gate = new();
    private long _version;

    public IReadOnlyList<LedgerEntry> Entries => _rows.Values.ToList();

    public Task<LedgerEntry?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((partitionKey, rowKey), out var e) ? e : null);

    public Task<LedgerEntry?> TryInsertAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = entry with { ETag = NextETag() };
            return Task.FromResult(_rows.TryAdd((entry.PartitionKey, entry.RowKey), stored) ? stored : null);
        }
    }

    public Task<LedgerEntry?> TryReplaceAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((entry.PartitionKey, entry.RowKey), out var current) || current.ETag != entry.ETag)
                return Task.FromResult<LedgerEntry?>(null);
            var stored = entry with { ETag = NextETag() };
            _rows[(entry.PartitionKey, entry.RowKey)] = stored;
            return Task.FromResult<LedgerEntry?>(stored);
        }
    }

    /// <summary>Overwrites a row as it is (tests use it to stage a crashed attempt).</summary>
    public void Put(LedgerEntry entry)
    {
        lock (_gate) _rows[(entry.PartitionKey, entry.RowKey)] = entry with { ETag = NextETag() };
    }

    private string NextETag() => $"W/\"{Interlocked.Increment(ref _version)}\"";
}
