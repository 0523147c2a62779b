using SesReview.Domain.PlumCrossCheck;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;
using static SesReview.Workbooks.Layouts.PlumCrossCheckLayout;

namespace SesReview.Workbooks.Export;

/// <summary>Writes the PLUM cross-check as a sheet (<see cref="PlumCrossCheckLayout"/>), alone or in the report's working copy.</summary>
public static class PlumCrossCheckSheet
{
    private static readonly ColumnMap<PlumDifference> Map = new(Sheet, new Dictionary<ColumnSpec, Func<PlumDifference, XCell>>
    {
        [Columns.Difference] = d => KindText(d.Kind),
        [Columns.Confidence] = d => d.Confidence.ToString(),
        [Columns.InventoryPosition] = d => d.InventoryPositionId,
        [Columns.PlumPosition] = d => d.PlumPositionId,
        [Columns.Organization] = d => d.Organization,
        [Columns.Title] = d => d.Title,
        [Columns.Incumbent] = d => d.Incumbent,
        [Columns.Detail] = d => d.Detail,
    });

    internal static void Add(XlsxWorkbookWriter workbook, PlumCrossCheckResult result) =>
        workbook.AddSheet(Sheet.Name, Map.Setup(frozenColumns: 1), sheet =>
        {
            Map.WriteHeader(sheet);
            foreach (var d in result.Differences) Map.WriteRow(sheet, d);
        });

    /// <summary>A workbook of the cross-check sheet alone.</summary>
    public static void Write(PlumCrossCheckResult result, Stream output)
    {
        using var workbook = new XlsxWorkbookWriter(output);
        Add(workbook, result);
    }

    public static string KindText(PlumDifferenceKind kind) => kind switch
    {
        PlumDifferenceKind.ListedInPlumButCareerReserved => "Listed in PLUM (General) but Career Reserved in the inventory: a redesignation to report",
        PlumDifferenceKind.NoncareerIncumbentMissing => "Noncareer incumbent in PLUM missing from the inventory",
        PlumDifferenceKind.GeneralNoncareerNotInPlum => "General with a noncareer incumbent, not in PLUM",
        PlumDifferenceKind.TitleDiffers => "Title differs",
        PlumDifferenceKind.OrganizationDiffers => "Organization differs",
        _ => kind.ToString(),
    };
}
