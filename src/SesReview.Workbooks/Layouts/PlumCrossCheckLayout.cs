namespace SesReview.Workbooks.Layouts;

/// <summary>
/// The "PLUM cross-check" sheet of the designation report's working copy: one row per difference between the inventory and
/// OPM's PLUM export. Not part of what goes to OPM unless the CHCO includes it.
/// </summary>
public static class PlumCrossCheckLayout
{
    public static class Columns
    {
        public static readonly ColumnSpec Difference = new("Difference", CellKind.Text, 40, true, "What differs between the inventory and PLUM.");
        public static readonly ColumnSpec Confidence = new("Match confidence", CellKind.Text, 12, true, "High, Medium, Low or None (no match).");
        public static readonly ColumnSpec InventoryPosition = new("Inventory position", CellKind.Text, 16, false, "The agency's position number.");
        public static readonly ColumnSpec PlumPosition = new("PLUM position", CellKind.Text, 20, false, "The PLUM importer's position id.");
        public static readonly ColumnSpec Organization = new("Organization", CellKind.Text, 32, true, "Organization as the inventory (or PLUM) names it.");
        public static readonly ColumnSpec Title = new("Title", CellKind.Text, 40, true, "Position title.");
        public static readonly ColumnSpec Incumbent = new("Incumbent", CellKind.Text, 24, false, "Latest incumbent.");
        public static readonly ColumnSpec Detail = new("Detail", CellKind.Text, 80, true, "The difference with both sides' values.", Wrap: true);
    }

    public static readonly SheetSpec Sheet = new("PLUM cross-check", false, "Differences between the inventory and OPM's PLUM export.",
        [Columns.Difference, Columns.Confidence, Columns.InventoryPosition, Columns.PlumPosition, Columns.Organization, Columns.Title, Columns.Incumbent, Columns.Detail]);
}
