namespace SesReview.Workbooks.Import;

/// <summary>One data row as read: its row number as the user sees it and its cell texts by column position.</summary>
internal readonly record struct RawRow(int Number, string?[] Cells)
{
    public string? this[int index] => index >= 0 && index < Cells.Length ? Cells[index] : null;
}

/// <summary>A sheet or CSV file as untyped text: a header row and the data rows below it (empty rows dropped).</summary>
/// <param name="AllowDateSerials">True for workbook sheets, where a date may be a number (serial).</param>
internal sealed record RawTable(
    string File,
    string? Sheet,
    int HeaderRow,
    string?[] Header,
    List<RawRow> Rows,
    bool AllowDateSerials,
    bool Date1904 = false)
{
    public ImportError Error(int? row, string? column, string? value, string message) =>
        new(File, Sheet, row, column, value, message);
}
