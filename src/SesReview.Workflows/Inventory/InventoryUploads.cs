using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SesReview.Domain.Model;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Inventory;

/// <summary>
/// Validates an uploaded inventory in full (the importers report every error with file, sheet, row, column and value)
/// and only then stores the original bytes (blob) and a summary row. Activities re-parse the stored bytes, so the
/// orchestration history carries an upload id, never the inventory. Parsed inventories are kept in memory per
/// process (an upload never changes).
/// </summary>
public sealed class InventoryUploads(IRecordStorage storage, TimeProvider time) : IInventoryUploads
{
    private const string Partition = "upload";
    private readonly IRecordTable _table = storage.Table(TableNames.Uploads);
    private readonly IBlobStore _blobs = storage.Blobs(TableNames.UploadContainer);
    private readonly ConcurrentDictionary<string, Lazy<Task<PositionInventory?>>> _parsed = new(StringComparer.Ordinal);

    public async Task<InventoryUploadResult> UploadAsync(InventoryUploadRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string fileName = Path.GetFileName(request.FileName ?? "");
        if (fileName.Length == 0) return Failed("(upload)", "The upload has no file name.");

        using var buffer = new MemoryStream();
        await CopyBoundedAsync(request.Content, buffer, ImportOptions.DefaultMaxFileBytes, cancellationToken);
        if (buffer.Length > ImportOptions.DefaultMaxFileBytes)
            return Failed(fileName, $"The file is larger than {ImportOptions.DefaultMaxFileBytes / (1024 * 1024)} MB.");
        byte[] bytes = buffer.ToArray();

        string format = Path.GetExtension(fileName).ToLowerInvariant() switch { ".xlsx" => "inventory-workbook", ".csv" => InventoryUpload.PlumFormat, _ => "" };
        if (format == "") return Failed(fileName, "Upload an inventory workbook (.xlsx) or an OPM PLUM export (.csv).");
        if (format == "plum-csv" && request.PlumKnownGeneralAsOf is null)
            return Failed(fileName, "A PLUM export carries no designation history: give 'plumKnownGeneralAsOf' (the date from which its ES positions are known to be General).");

        var parsed = Parse(bytes, fileName, format, request.PlumAgency, request.PlumKnownGeneralAsOf, request.PlumSnapshotDate, out var notes);
        if (!parsed.Succeeded) return new InventoryUploadResult(null, parsed.Errors, parsed.TotalErrorCount);
        var inventory = parsed.Value!;

        string sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        string uploadId = NewUploadId(time.GetUtcNow());
        var upload = new InventoryUpload(
            uploadId, fileName, bytes.LongLength, sha, time.GetUtcNow(), actor, inventory.Positions.Count,
            [.. inventory.Positions.Select(p => p.Agency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. inventory.Positions.Select(p => p.Component).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            format, request.PlumAgency, request.PlumKnownGeneralAsOf, request.PlumSnapshotDate, notes);

        // Bytes first, row second: a row never points at a missing blob.
        await _blobs.PutAsync(BlobName(uploadId), bytes, "application/octet-stream", cancellationToken);
        await _table.UpsertAsync(Partition, uploadId, JsonSerializer.Serialize(upload, WorkflowJson.Options), cancellationToken);
        _parsed.TryAdd(uploadId, new Lazy<Task<PositionInventory?>>(Task.FromResult<PositionInventory?>(inventory)));
        return new InventoryUploadResult(upload, []);
    }

    public async Task<InventoryUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(uploadId)) return null;
        var row = await _table.GetAsync(Partition, StorageKeys.Escape(uploadId), cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<InventoryUpload>(row.Json, WorkflowJson.Options);
    }

    public Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        var lazy = _parsed.GetOrAdd(uploadId, id => new Lazy<Task<PositionInventory?>>(() => LoadUncachedAsync(id)));
        var task = lazy.Value;
        // A failed load (storage down) must not stay cached.
        task.ContinueWith(t => { if (t.IsFaulted || t.Result is null) _parsed.TryRemove(KeyValuePair.Create(uploadId, lazy)); },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<PositionInventory?> LoadUncachedAsync(string uploadId)
    {
        var upload = await GetAsync(uploadId);
        if (upload is null) return null;
        var bytes = await _blobs.GetAsync(BlobName(uploadId)) ?? throw new InvalidOperationException($"Inventory upload '{uploadId}' has no stored file.");
        var parsed = Parse(bytes, upload.FileName, upload.Format, upload.PlumAgency, upload.PlumKnownGeneralAsOf, upload.PlumSnapshotDate, out _);
        return parsed.Value ?? throw new InvalidOperationException($"Stored inventory upload '{uploadId}' no longer parses: {parsed.Errors.FirstOrDefault()}");
    }

    private static ImportResult<PositionInventory> Parse(
        byte[] bytes, string fileName, string format, string? plumAgency, DateOnly? knownGeneralAsOf, DateOnly? snapshot, out IReadOnlyList<string>? notes)
    {
        notes = null;
        using var stream = new MemoryStream(bytes, writable: false);
        if (format == "inventory-workbook") return new InventoryWorkbookImporter().Import(stream, fileName);
        var plum = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = knownGeneralAsOf!.Value, SnapshotDate = snapshot, Agency = plumAgency })
            .Import(stream, fileName);
        notes = plum.Value?.Summary.Notes;
        return plum.Succeeded ? ImportResult<PositionInventory>.Success(plum.Value!.Inventory) : ImportResult<PositionInventory>.Failure(plum.Errors, plum.TotalErrorCount);
    }

    /// <summary>
    /// A new id for every upload, even of the same bytes in the same millisecond (the stored parse options may differ):
    /// the UTC time to the millisecond, so ids sort by upload time, then 16 random hex digits. Digits, '-' and
    /// lower-case hex only, so it is a valid table key and URL segment as it is.
    /// </summary>
    internal static string NewUploadId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}";

    private static async Task CopyBoundedAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(chunk, ct)) > 0)
        {
            to.Write(chunk, 0, read);
            if (to.Length > limit) return;
        }
    }

    private static string BlobName(string uploadId) => $"{uploadId}/inventory";

    private static InventoryUploadResult Failed(string file, string message) =>
        new(null, [new ImportError(file, null, null, null, null, message)]);
}
