using SesReview.Workbooks.Import;

namespace SesReview.Workflows.Inventory;

/// <summary>A file to upload. PLUM exports (.csv) need <see cref="PlumAgency"/> and <see cref="PlumKnownGeneralAsOf"/>.</summary>
public sealed record InventoryUploadRequest(
    string FileName, Stream Content, string? PlumAgency = null, DateOnly? PlumKnownGeneralAsOf = null, DateOnly? PlumSnapshotDate = null);

/// <summary>A validated, stored inventory a cycle can start from.</summary>
public sealed record InventoryUpload(
    string UploadId,
    string FileName,
    long Bytes,
    string Sha256,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    int Positions,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<string> Components,
    string Format,
    string? PlumAgency = null,
    DateOnly? PlumKnownGeneralAsOf = null,
    DateOnly? PlumSnapshotDate = null,
    IReadOnlyList<string>? Notes = null)
{
    /// <summary>Whether the inventory is OPM's PLUM export (no allocations, no designation history).</summary>
    public bool IsPlum => Format == PlumFormat;

    public const string PlumFormat = "plum-csv";
}

/// <summary>
/// The upload, or the first errors found (each naming file, sheet, row, column and value; at most
/// <see cref="ImportResult{T}.MaxReportedErrors"/>) and how many there were; on errors nothing was saved.
/// </summary>
public sealed record InventoryUploadResult(InventoryUpload? Upload, IReadOnlyList<ImportError> Errors, int TotalErrorCount)
{
    public InventoryUploadResult(InventoryUpload? Upload, IReadOnlyList<ImportError> Errors) : this(Upload, Errors, Errors.Count) { }

    public bool Succeeded => Upload is not null;
}
