namespace SesReview.Workbooks.Layouts;

/// <summary>How a column's cells are typed, both when written and when read back.</summary>
public enum CellKind
{
    /// <summary>Free text, written as an inline string and neutralised against formula injection.</summary>
    Text,
    /// <summary>A code from <see cref="ColumnSpec.Codes"/>; the template offers a drop-down.</summary>
    Code,
    /// <summary>A calendar date: written as a date serial with format yyyy-mm-dd; read as a serial or ISO text.</summary>
    Date,
    /// <summary>A date and time (UTC), written as a serial with format yyyy-mm-dd hh:mm.</summary>
    DateTime,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A fraction written as a number with a percent format (0.125 shows as 12.5%).</summary>
    Percent,
}

/// <summary>One column of a sheet: the header the user sees, its type, width and whether a value is required.</summary>
/// <param name="Header">Header text in row 1; importers match it case-insensitively, in any column order.</param>
/// <param name="Width">Column width in Excel character units.</param>
/// <param name="Codes">The allowed codes for <see cref="CellKind.Code"/> columns (drop-down list and validation).</param>
/// <param name="Description">What the column means, shown on the template's Instructions sheet.</param>
public sealed record ColumnSpec(
    string Header,
    CellKind Kind,
    double Width,
    bool Required,
    string Description,
    IReadOnlyList<string>? Codes = null,
    bool Wrap = false)
{
    public override string ToString() => Header;
}

/// <summary>A sheet (or CSV file) of fixed columns.</summary>
/// <param name="Required">False for a sheet an inventory may leave out (Allocations).</param>
public sealed record SheetSpec(string Name, bool Required, string Description, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>The file name this table has when supplied as CSV: the sheet name plus ".csv".</summary>
    public string CsvFileName => Name + ".csv";

    public int IndexOf(ColumnSpec column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (ReferenceEquals(Columns[i], column)) return i;
        }
        throw new ArgumentException($"Column {column.Header} is not part of sheet {Name}.", nameof(column));
    }
}
