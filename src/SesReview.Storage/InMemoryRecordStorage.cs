using System.Collections.Concurrent;

namespace SesReview.Storage;

/// <summary>Storage in memory with the same semantics as the Azure tables and blobs (ETags, insert conflicts), for unit tests.</summary>
public sealed class InMemoryRecordStorage : IRecordStorage
{
    private readonly ConcurrentDictionary<string, MemoryTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, MemoryBlobs> _containers = new(StringComparer.OrdinalIgnoreCase);

    public IRecordTable Table(string name) => _tables.GetOrAdd(name, _ => new MemoryTable());

    public IBlobStore Blobs(string containerName) => _containers.GetOrAdd(containerName, _ => new MemoryBlobs());

    private sealed class MemoryTable : IRecordTable
    {
        private readonly object _gate = new();
        private readonly SortedDictionary<(string, string), StoredRecord> _rows = new(Comparer<(string, string)>.Create(
            (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var c && c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2)));
        private long _version;

        public Task<StoredRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        {
            lock (_gate) return Task.FromResult(_rows.GetValueOrDefault((partitionKey, rowKey)));
        }

        public Task<IReadOnlyList<StoredRecord>> ListAsync(string partitionKey, CancellationToken cancellationToken = default)
        {
            lock (_gate)
                return Task.FromResult<IReadOnlyList<StoredRecord>>([.. _rows.Values.Where(r => r.PartitionKey == partitionKey)]);
        }

        public Task<IReadOnlyList<string>> ListRowKeysAsync(string partitionKey, CancellationToken cancellationToken = default)
        {
            lock (_gate)
                return Task.FromResult<IReadOnlyList<string>>([.. _rows.Keys.Where(k => k.Item1 == partitionKey).Select(k => k.Item2)]);
        }

        public Task<IReadOnlyList<StoredRecord>> ListRangeAsync(string partitionKey, string firstRowKey, string lastRowKey, CancellationToken cancellationToken = default)
        {
            lock (_gate)
                return Task.FromResult<IReadOnlyList<StoredRecord>>([.. _rows.Values.Where(r => r.PartitionKey == partitionKey
                    && string.CompareOrdinal(r.RowKey, firstRowKey) >= 0 && string.CompareOrdinal(r.RowKey, lastRowKey) <= 0)]);
        }

        public Task<bool> TryInsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (_rows.ContainsKey((partitionKey, rowKey))) return Task.FromResult(false);
                Put(partitionKey, rowKey, json);
                return Task.FromResult(true);
            }
        }

        public Task UpsertAsync(string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
        {
            lock (_gate) Put(partitionKey, rowKey, json);
            return Task.CompletedTask;
        }

        public Task UpsertManyAsync(string partitionKey, IReadOnlyList<KeyValuePair<string, string>> rows, CancellationToken cancellationToken = default)
        {
            lock (_gate) foreach (var (rowKey, json) in rows) Put(partitionKey, rowKey, json);
            return Task.CompletedTask;
        }

        public Task<bool> TryReplaceAsync(StoredRecord current, string json, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (!_rows.TryGetValue((current.PartitionKey, current.RowKey), out var now) || now.ETag != current.ETag) return Task.FromResult(false);
                Put(current.PartitionKey, current.RowKey, json);
                return Task.FromResult(true);
            }
        }

        private void Put(string partitionKey, string rowKey, string json) =>
            _rows[(partitionKey, rowKey)] = new StoredRecord(partitionKey, rowKey, json, $"v{++_version}");
    }

    private sealed class MemoryBlobs : IBlobStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

        public Task PutAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken = default)
        {
            _blobs[name] = [.. content];
            return Task.CompletedTask;
        }

        public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(_blobs.TryGetValue(name, out var bytes) ? [.. bytes] : (byte[]?)null);
    }
}
