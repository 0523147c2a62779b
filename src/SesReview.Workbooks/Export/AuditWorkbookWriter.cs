using System.Globalization;
using SesReview.Workbooks.Xlsx;

namespace SesReview.Workbooks.Export;

/// <summary>
/// Writes a cycle's audit trail for compliance staff: one sheet, <see cref="SheetName"/>, a frozen header row and one row per
/// entry in the order given. Every text cell is guarded against formula injection (<see cref="CellText"/>), so an actor or
/// detail typed by an approver cannot run as a formula when the file is opened.
/// </summary>
public static class AuditWorkbookWriter
{
    public const string SheetName = "Audit trail";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<string> Headers { get; } = ["At (UTC)", "Kind", "Actor", "Channel", "Source address", "Detail"];

    private static readonly double[] Widths = [24, 20, 34, 10, 18, 90];

    /// <summary>The moment as the sheet shows it, e.g. <c>2025-03-10T18:30:00Z</c>.</summary>
    public static string FormatAt(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Write(IEnumerable<AuditRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var workbook = new XlsxWorkbookWriter(output);
        workbook.AddSheet(SheetName, new SheetSetup(Widths, FrozenRows: 1), sheet =>
        {
            sheet.HeaderRow(Headers);
            foreach (var row in rows)
            {
                sheet.StartRow()
                    .Cell(FormatAt(row.At))
                    .Cell(row.Kind)
                    .Cell(row.Actor)
                    .Cell(row.Channel)
                    .Cell(row.SourceAddress)
                    .Cell(row.Detail, XStyle.Wrap);
                sheet.EndRow();
            }
        });
    }
}
