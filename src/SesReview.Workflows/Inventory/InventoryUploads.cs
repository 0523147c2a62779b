using System.Security.Cryptography;
using SesReview.Domain.Model;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Inventory;

/// <summary>
/// Validates an uploaded inventory in full (the importers report every error with file, sheet, row, column and value)
/// and only then stores the original bytes (blob) and a summary row (<see cref="StoredUploads{TRecord, TParsed}"/>).
/// Activities re-parse the stored bytes, so the orchestration history carries an upload id, never the inventory.
/// </summary>
public sealed class InventoryUploads(IRecordStorage storage, TimeProvider time) : IInventoryUploads
{
    private readonly StoredUploads<InventoryUpload, PositionInventory> _stored = new(
        storage,
        new UploadStorageNames(TableNames.Uploads, "upload", TableNames.UploadContainer, "inventory", "application/octet-stream", "inventory upload"),
        (bytes, upload) => Parse(bytes, upload.FileName, upload.Format, upload.PlumAgency, upload.PlumKnownGeneralAsOf, upload.PlumSnapshotDate, out _));

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
        string uploadId = UploadIds.New(time.GetUtcNow());
        var upload = new InventoryUpload(
            uploadId, fileName, bytes.LongLength, sha, time.GetUtcNow(), actor, inventory.Positions.Count,
            [.. inventory.Positions.Select(p => p.Agency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. inventory.Positions.Select(p => p.Component).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            format, request.PlumAgency, request.PlumKnownGeneralAsOf, request.PlumSnapshotDate, notes);

        await _stored.StoreAsync(uploadId, bytes, upload, inventory, cancellationToken);
        return new InventoryUploadResult(upload, []);
    }

    public Task<InventoryUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default) =>
        _stored.GetAsync(uploadId, cancellationToken);

    public Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        _stored.LoadAsync(uploadId);

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

    private static InventoryUploadResult Failed(string file, string message) =>
        new(null, [new ImportError(file, null, null, null, null, message)]);
}
