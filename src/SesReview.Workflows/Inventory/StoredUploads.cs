using System.Collections.Concurrent;
using System.Text.Json;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Inventory;

/// <summary>
/// The storage every kind of upload shares: the original bytes in a blob and a summary record in a table row, both
/// under the upload id. Loading re-parses the stored bytes with <paramref name="reparse"/>; parsed files are kept in
/// memory per process (an upload never changes).
/// </summary>
internal sealed class StoredUploads<TRecord, TParsed>(
    IRecordStorage storage, UploadStorageNames names, Func<byte[], TRecord, ImportResult<TParsed>> reparse)
    where TRecord : class
    where TParsed : class
{
    private readonly IRecordTable _table = storage.Table(names.Table);
    private readonly IBlobStore _blobs = storage.Blobs(names.Container);
    private readonly ConcurrentDictionary<string, Lazy<Task<TParsed?>>> _parsed = new(StringComparer.Ordinal);

    /// <summary>Stores an upload that has already been parsed (and so validated).</summary>
    public async Task StoreAsync(string uploadId, byte[] content, TRecord record, TParsed parsed, CancellationToken cancellationToken)
    {
        // Bytes first, row second: a row never points at a missing blob.
        await _blobs.PutAsync(BlobName(uploadId), content, names.ContentType, cancellationToken);
        await _table.UpsertAsync(names.Partition, StorageKeys.Escape(uploadId), JsonSerializer.Serialize(record, WorkflowJson.Options), cancellationToken);
        _parsed.TryAdd(uploadId, new Lazy<Task<TParsed?>>(Task.FromResult<TParsed?>(parsed)));
    }

    public async Task<TRecord?> GetAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(uploadId)) return null;
        var row = await _table.GetAsync(names.Partition, StorageKeys.Escape(uploadId), cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<TRecord>(row.Json, WorkflowJson.Options);
    }

    /// <summary>The parsed file, or null when there is no such upload; concurrent first loads share one parse.</summary>
    public Task<TParsed?> LoadAsync(string uploadId)
    {
        var lazy = _parsed.GetOrAdd(uploadId, id => new Lazy<Task<TParsed?>>(() => LoadUncachedAsync(id)));
        var task = lazy.Value;
        // A failed load (storage down) must not stay cached.
        task.ContinueWith(t => { if (t.IsFaulted || t.Result is null) _parsed.TryRemove(KeyValuePair.Create(uploadId, lazy)); },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    // No cancellation token: the load is shared by every caller waiting on it.
    private async Task<TParsed?> LoadUncachedAsync(string uploadId)
    {
        var record = await GetAsync(uploadId, CancellationToken.None);
        if (record is null) return null;
        var bytes = await _blobs.GetAsync(BlobName(uploadId))
            ?? throw new InvalidOperationException($"{char.ToUpperInvariant(names.Kind[0])}{names.Kind[1..]} '{uploadId}' has no stored file.");
        var parsed = reparse(bytes, record);
        return parsed.Value ?? throw new InvalidOperationException($"Stored {names.Kind} '{uploadId}' no longer parses: {parsed.Errors.FirstOrDefault()}");
    }

    private string BlobName(string uploadId) => $"{uploadId}/{names.FileName}";
}
