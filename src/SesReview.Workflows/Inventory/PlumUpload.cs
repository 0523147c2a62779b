namespace SesReview.Workflows.Inventory;

/// <summary>
/// OPM's PLUM export as a CHCO gave it (the whole government-wide file), kept so that a cycle can hold on to the file it
/// was cross-checked against and build the working copy's "PLUM cross-check" sheet from it.
/// </summary>
/// <param name="SnapshotDate">The day the file is read as of (the upload day unless given).</param>
/// <param name="Positions">ES, SL and ST positions the file lists (all agencies).</param>
public sealed record PlumUpload(
    string UploadId, string FileName, long Bytes, string Sha256, DateTimeOffset UploadedAt, string UploadedBy, DateOnly SnapshotDate, int Positions);
