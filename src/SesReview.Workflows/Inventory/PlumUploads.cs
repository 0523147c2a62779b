using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SesReview.Domain.Model;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Inventory;

/// <summary>
/// PLUM exports kept for cycles: validated by the PLUM importer in full, then the original bytes (blob) and a summary row
/// are stored, like inventory uploads. A cycle keeps only the upload id; the working copy re-reads the stored bytes.
/// Parsed files are kept in memory per process (an upload never changes).
/// </summary>
public sealed class PlumUploads(IRecordStorage storage, TimeProvider time)
{
    private const string Partition = "plum";
    private readonly IRecordTable _table = storage.Table(TableNames.PlumUploads);
    private readonly IBlobStore _blobs = storage.Blobs(TableNames.PlumUploadContainer);
    private readonly ConcurrentDictionary<string, PositionInventory> _parsed = new(StringComparer.Ordinal);

    /// <summary>The stored upload, or the importer's errors (nothing stored).</summary>
    public async Task<(PlumUpload? Upload, ImportResult<PlumImport> Import)> UploadAsync(
        string fileName, byte[] content, string actor, DateOnly? snapshotDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var now = time.GetUtcNow();
        var snapshot = snapshotDate ?? DateOnly.FromDateTime(now.UtcDateTime);
        var name = Path.GetFileName(fileName);
        var imported = Parse(content, name, snapshot);
        if (!imported.Succeeded) return (null, imported);

        var upload = new PlumUpload(InventoryUploads.NewUploadId(now), name, content.LongLength,
            Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), now, actor, snapshot, imported.Value!.Inventory.Positions.Count);
        // Bytes first, row second: a row never points at a missing blob.
        await _blobs.PutAsync(BlobName(upload.UploadId), content, "text/csv", cancellationToken);
        await _table.UpsertAsync(Partition, upload.UploadId, JsonSerializer.Serialize(upload, WorkflowJson.Options), cancellationToken);
        _parsed.TryAdd(upload.UploadId, imported.Value.Inventory);
        return (upload, imported);
    }

    public async Task<PlumUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(uploadId)) return null;
        var row = await _table.GetAsync(Partition, StorageKeys.Escape(uploadId), cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<PlumUpload>(row.Json, WorkflowJson.Options);
    }

    /// <summary>The PLUM file's positions as the importer reads them (every agency), or null when there is no such upload.</summary>
    public async Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        if (_parsed.TryGetValue(uploadId, out var cached)) return cached;
        var upload = await GetAsync(uploadId, cancellationToken);
        if (upload is null) return null;
        var bytes = await _blobs.GetAsync(BlobName(uploadId), cancellationToken) ?? throw new InvalidOperationException($"PLUM upload '{uploadId}' has no stored file.");
        var parsed = Parse(bytes, upload.FileName, upload.SnapshotDate);
        var inventory = parsed.Value?.Inventory ?? throw new InvalidOperationException($"Stored PLUM upload '{uploadId}' no longer parses: {parsed.Errors.FirstOrDefault()}");
        return _parsed.GetOrAdd(uploadId, inventory);
    }

    /// <summary>The cross-check reads every ES position of the file as General on its snapshot day, as <c>POST /api/plum-cross-check</c> does.</summary>
    private static ImportResult<PlumImport> Parse(byte[] content, string fileName, DateOnly snapshot)
    {
        using var stream = new MemoryStream(content, writable: false);
        return new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = snapshot, SnapshotDate = snapshot }).Import(stream, fileName);
    }

    private static string BlobName(string uploadId) => $"{uploadId}/plum.csv";
}
