using System.Text;

namespace SesReview.Workbooks.Import;

/// <summary>
/// One problem found in an imported file, located as the user sees it. Everything echoed from the file (file,
/// sheet and column names, the value) is shortened by <see cref="ErrorEcho"/>, and so is an over-long message.
/// </summary>
/// <param name="File">File name as supplied by the caller.</param>
/// <param name="Sheet">Sheet name for workbooks; null for CSV files and whole-file problems.</param>
/// <param name="Row">Row number as a spreadsheet shows it (the header is row 1); null for whole-file or whole-sheet problems.</param>
/// <param name="Column">Column header; null when the problem is not about one column.</param>
/// <param name="Value">The offending value as read (may be empty); null when there is none.</param>
/// <param name="Message">What is wrong, in words, and what to do about it.</param>
public sealed record ImportError(string File, string? Sheet, int? Row, string? Column, string? Value, string Message)
{
    private readonly string _file = ErrorEcho.Shorten(File);
    private readonly string? _sheet = ErrorEcho.ShortenOrNull(Sheet);
    private readonly string? _column = ErrorEcho.ShortenOrNull(Column);
    private readonly string? _value = ErrorEcho.ShortenOrNull(Value);
    private readonly string _message = ErrorEcho.Cut(Message, ErrorEcho.MaxMessageChars);

    public string File { get => _file; init => _file = ErrorEcho.Shorten(value); }
    public string? Sheet { get => _sheet; init => _sheet = ErrorEcho.ShortenOrNull(value); }
    public string? Column { get => _column; init => _column = ErrorEcho.ShortenOrNull(value); }
    public string? Value { get => _value; init => _value = ErrorEcho.ShortenOrNull(value); }
    public string Message { get => _message; init => _message = ErrorEcho.Cut(value, ErrorEcho.MaxMessageChars); }

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
