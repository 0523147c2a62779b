using SesReview.Domain.Model;

namespace SesReview.Workbooks.Import;

/// <summary>The inventory derived from a PLUM export and what the importer did with the rows.</summary>
public sealed record PlumImport(PositionInventory Inventory, PlumImportSummary Summary);

/// <summary>Counts of a PLUM import.</summary>
/// <param name="RowsRead">Data rows in the file (header excluded).</param>
/// <param name="RowsImported">Rows with pay plan ES, SL or ST (and the requested agency) that were imported.</param>
/// <param name="RowsByPayPlan">Imported rows per pay plan.</param>
/// <param name="RowsSkippedByPayPlan">Rows skipped because the pay plan is not ES, SL or ST, per PaymentPlanDescription as written ("(blank)" when empty).</param>
/// <param name="RowsSkippedByAgency">Rows of other agencies, when an agency was requested.</param>
/// <param name="Positions">Positions derived (rows of one position with successive incumbents are merged).</param>
/// <param name="Incumbencies">Incumbencies created.</param>
/// <param name="UndatedIncumbencies">Incumbencies of filled rows without a begin date, started on the snapshot date.</param>
/// <param name="Designations">GE designations created (one per ES position).</param>
/// <param name="UndatedServingSince">The date incumbents without a begin date are taken as serving since (<see cref="PlumImportOptions.UndatedServingSince"/>).</param>
public sealed record PlumImportSummary(
    int RowsRead,
    int RowsImported,
    IReadOnlyDictionary<PayPlan, int> RowsByPayPlan,
    IReadOnlyDictionary<string, int> RowsSkippedByPayPlan,
    int RowsSkippedByAgency,
    int Positions,
    int Incumbencies,
    int UndatedIncumbencies,
    int Designations,
    DateOnly UndatedServingSince)
{
    /// <summary>What a CHCO must know about this import before starting a cycle from it (<see cref="PlumImportNotes"/>).</summary>
    public IReadOnlyList<string> Notes => PlumImportNotes.For(this);

    public int RowsSkipped => RowsSkippedByPayPlan.Values.Sum() + RowsSkippedByAgency;
}
