using System.Text;

namespace SesReview.Workbooks.Import;

/// <summary>
/// One problem found in an imported file, located as the user sees it.
/// </summary>
/// <param name="File">File name as supplied by the caller.</param>
/// <param name="Sheet">Sheet name for workbooks; null for CSV files and whole-file problems.</param>
/// <param name="Row">Row number as a spreadsheet shows it (the header is row 1); null for whole-file or whole-sheet problems.</param>
/// <param name="Column">Column header; null when the problem is not about one column.</param>
/// <param name="Value">The offending value as read (may be empty); null when there is none.</param>
/// <param name="Message">What is wrong, in words, and what to do about it.</param>
public sealed record ImportError(string File, string? Sheet, int? Row, string? Column, string? Value, string Message)
{
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Sheet is not null) sb.Append(", sheet ").Append(Sheet);
        if (Row is not null) sb.Append(", row ").Append(Row.Value);
        if (Column is not null) sb.Append(", column ").Append(Column);
        if (Value is not null) sb.Append(", value '").Append(Value).Append('\'');
        return sb.Append(": ").Append(Message).ToString();
    }
}
