using System.Security.Cryptography;
using SesReview.Domain.Model;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Inventory;

/// <summary>
/// PLUM exports kept for cycles: validated by the PLUM importer in full, then stored like inventory uploads
/// (<see cref="StoredUploads{TRecord, TParsed}"/>). A cycle keeps only the upload id; the working copy re-reads the stored bytes.
/// </summary>
public sealed class PlumUploads(IRecordStorage storage, TimeProvider time)
{
    private readonly StoredUploads<PlumUpload, PlumImport> _stored = new(
        storage,
        new UploadStorageNames(TableNames.PlumUploads, "plum", TableNames.PlumUploadContainer, "plum.csv", "text/csv", "PLUM upload"),
        (bytes, upload) => Parse(bytes, upload.FileName, upload.SnapshotDate));

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

        var upload = new PlumUpload(UploadIds.New(now), name, content.LongLength,
            Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), now, actor, snapshot, imported.Value.Inventory.Positions.Count);
        await _stored.StoreAsync(upload.UploadId, content, upload, imported.Value, cancellationToken);
        return (upload, imported);
    }

    public Task<PlumUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default) =>
        _stored.GetAsync(uploadId, cancellationToken);

    /// <summary>The PLUM file's positions as the importer reads them (every agency), or null when there is no such upload.</summary>
    public async Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        (await _stored.LoadAsync(uploadId).WaitAsync(cancellationToken))?.Inventory;

    /// <summary>The cross-check reads every ES position of the file as General on its snapshot day, as <c>POST /api/plum-cross-check</c> does.</summary>
    private static ImportResult<PlumImport> Parse(byte[] content, string fileName, DateOnly snapshot)
    {
        using var stream = new MemoryStream(content, writable: false);
        return new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = snapshot, SnapshotDate = snapshot }).Import(stream, fileName);
    }
}
