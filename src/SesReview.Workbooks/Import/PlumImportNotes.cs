namespace SesReview.Workbooks.Import;

/// <summary>
/// The sentences the CLI and the host both show about a PLUM import: the date undated incumbents serve since, why rows
/// became fewer positions, and what PLUM cannot give either review. One wording for both, so their answers read alike.
/// </summary>
public static class PlumImportNotes
{
    public const string DesignationLimit =
        "PLUM lists General positions only and no designation history, so a designation review from PLUM alone finds no " +
        "Career Reserved position to revert. Before a designation review, add the designation history (the Designation " +
        "history sheet of the inventory template) of the agency's Career Reserved positions.";

    public const string AllocationLimit =
        "PLUM carries no allocation counts, so an allocation review cannot start from it: upload the inventory template " +
        "with its Allocations sheet (allocated positions per component and pay plan) instead.";

    public static IReadOnlyList<string> For(PlumImportSummary s)
    {
        var notes = new List<string>
        {
            $"Incumbents without a start date are taken as serving since {s.UndatedServingSince:yyyy-MM-dd} " +
            $"({s.UndatedIncumbencies:N0} incumbencies had no IncumbentBeginDate; set the snapshot date to change it).",
        };
        if (s.RowsImported > s.Positions)
        {
            notes.Add($"{s.RowsImported:N0} rows became {s.Positions:N0} positions: rows with the same agency, organization, title, " +
                "location and pay plan whose incumbencies follow one another (a past incumbent and the row that shows the " +
                "position vacant or filled now) are one position.");
        }
        notes.Add(DesignationLimit);
        notes.Add(AllocationLimit);
        return notes;
    }
}
