namespace SesReview.Workbooks.Import;

/// <summary>Settings of <see cref="PlumCsvImporter"/>.</summary>
public sealed record PlumImportOptions
{
    /// <summary>
    /// The date as of which the caller knows the PLUM positions to be General. PLUM lists only General positions
    /// and carries no designation history, so every ES position gets a single GE designation effective on this
    /// date and nothing is known before it. Use the date of the export (or an earlier date the agency can
    /// confirm). Criterion (a) of the February 5, 2025 memo (General on 2021-01-19) can only be met from PLUM
    /// data when this date is on or before 2021-01-19; otherwise the agency must supply the history in the template.
    /// </summary>
    public required DateOnly KnownGeneralAsOf { get; init; }

    /// <summary>
    /// The date the export reflects (default: <see cref="KnownGeneralAsOf"/>). A filled row without an
    /// IncumbentBeginDate gets an incumbency starting on this date, so the position counts as filled without
    /// inventing earlier history (such incumbencies are counted in <see cref="PlumImportSummary.UndatedIncumbencies"/>).
    /// </summary>
    public DateOnly? SnapshotDate { get; init; }

    /// <summary>
    /// The one place that decides since when an incumbent without a start date serves: <see cref="SnapshotDate"/>,
    /// else <see cref="KnownGeneralAsOf"/>. The CLI and the host both leave the snapshot date to this default, so the
    /// same file with the same dates gives the same answer; both print the date it gave.
    /// </summary>
    public DateOnly UndatedServingSince => SnapshotDate ?? KnownGeneralAsOf;

    /// <summary>Only rows of this AgencyName (case-insensitive) are imported; null imports every agency.</summary>
    public string? Agency { get; init; }

    /// <summary>File size and row limits.</summary>
    public ImportOptions Limits { get; init; } = ImportOptions.Default;
}
