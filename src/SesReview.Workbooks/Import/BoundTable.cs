using System.Globalization;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;

namespace SesReview.Workbooks.Import;

/// <summary>
/// A <see cref="RawTable"/> matched to a <see cref="SheetSpec"/>: headers found by name (case-insensitive, any
/// order, extra columns ignored) and typed cell access that records an error for every bad value.
/// </summary>
internal sealed class BoundTable
{
    private readonly int[] _columnIndex;
    private readonly List<ImportError> _errors;

    private BoundTable(RawTable raw, SheetSpec spec, int[] columnIndex, List<ImportError> errors)
    {
        Raw = raw;
        Spec = spec;
        _columnIndex = columnIndex;
        _errors = errors;
    }

    public RawTable Raw { get; }
    public SheetSpec Spec { get; }

    /// <summary>Binds the header; null (with errors added) when a required column is missing or a header repeats.</summary>
    public static BoundTable? Bind(RawTable raw, SheetSpec spec, List<ImportError> errors)
    {
        var headerRow = raw.HeaderRow == 0 ? 1 : raw.HeaderRow;
        if (raw.Header.Length == 0)
        {
            errors.Add(raw.Error(headerRow, null, null,
                $"The {Where(raw)} is empty: row 1 must hold the headers {string.Join(", ", spec.Columns.Select(c => c.Header))}."));
            return null;
        }

        var ok = true;
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Header.Length; i++)
        {
            var name = raw.Header[i]?.Trim();
            if (string.IsNullOrEmpty(name)) continue;
            if (!byName.TryAdd(name, i) && spec.Columns.Any(c => string.Equals(c.Header, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(raw.Error(headerRow, name, name, $"The column {name} appears more than once in the header."));
                ok = false;
            }
        }

        var index = new int[spec.Columns.Count];
        for (var c = 0; c < spec.Columns.Count; c++)
        {
            var column = spec.Columns[c];
            if (byName.TryGetValue(column.Header, out var i))
            {
                index[c] = i;
            }
            else
            {
                index[c] = -1;
                if (column.Required)
                {
                    errors.Add(raw.Error(headerRow, column.Header, null,
                        $"The required column {column.Header} is missing from the header row of the {Where(raw)}."));
                    ok = false;
                }
            }
        }
        return ok ? new BoundTable(raw, spec, index, errors) : null;
    }

    private static string Where(RawTable raw) => raw.Sheet is null ? "file" : "sheet";

    private void Add(RawRow row, ColumnSpec column, string? value, string message) =>
        _errors.Add(Raw.Error(row.Number, column.Header, value, message));

    /// <summary>The trimmed cell text, null when empty or the column is absent.</summary>
    public string? Cell(RawRow row, ColumnSpec column)
    {
        var text = row[_columnIndex[Spec.IndexOf(column)]];
        if (text is null) return null;
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private bool Missing(RawRow row, ColumnSpec column, string? text)
    {
        if (text is not null) return false;
        if (column.Required) Add(row, column, "", $"{column.Header} is required.");
        return true;
    }

    /// <summary>
    /// Text with the formula-injection quote prefix removed (see <see cref="CellText"/>); null with an error when it
    /// is required and empty or longer than <see cref="FieldLimits"/> allows; null without one when optional and empty.
    /// </summary>
    public string? Text(RawRow row, ColumnSpec column)
    {
        var text = Cell(row, column);
        if (Missing(row, column, text)) return null;
        var restored = CellText.Restore(text!);
        if (FieldLimits.CheckLength(column.Header, restored) is { } tooLong)
        {
            Add(row, column, restored, tooLong);
            return null;
        }
        return restored;
    }

    public bool TryCode<T>(RawRow row, ColumnSpec column, TryParse<T> parse, string noun, out T value)
    {
        value = default!;
        var text = Cell(row, column);
        if (Missing(row, column, text)) return false;
        if (parse(text, out value)) return true;
        Add(row, column, text, $"'{ErrorEcho.Shorten(text!)}' is not a known {noun}; use one of {string.Join(", ", column.Codes ?? [])}.");
        return false;
    }

    public delegate bool TryParse<T>(string? text, out T value);

    /// <summary>
    /// A date given as yyyy-mm-dd text or, in workbooks, as a date serial. Returns false with an error when the
    /// value is present but not a real date, and false without an error when it is empty and optional.
    /// </summary>
    public bool TryDate(RawRow row, ColumnSpec column, out DateOnly date)
    {
        date = default;
        var text = Cell(row, column);
        if (Missing(row, column, text)) return false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return InRange(row, column, text!, date);
        if (text!.Length > 10 && text[10] == 'T' && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return InRange(row, column, text, date);
        }

        if (Raw.AllowDateSerials && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            if (ExcelDates.TryFromSerial(serial, Raw.Date1904, out date)) return InRange(row, column, text, date);
            Add(row, column, text, $"The number {ErrorEcho.Shorten(text)} is not a date this workbook can hold; enter the date as yyyy-mm-dd.");
            return false;
        }

        Add(row, column, text, LooksIso(text)
            ? $"'{text}' is not a real calendar date."
            : $"'{ErrorEcho.Shorten(text)}' is not a date; enter it as yyyy-mm-dd, e.g. 2025-01-20.");
        return false;
    }

    private bool InRange(RawRow row, ColumnSpec column, string text, DateOnly date)
    {
        if (FieldLimits.CheckDate(column.Header, date) is not { } outside) return true;
        Add(row, column, text, outside);
        return false;
    }

    private static bool LooksIso(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' &&
        text.Where((c, i) => i is not 4 and not 7).All(char.IsAsciiDigit);

    /// <summary>A whole number of at least zero (a workbook may store it as "12" or "12.0").</summary>
    public bool TryCount(RawRow row, ColumnSpec column, out int value)
    {
        value = 0;
        var text = Cell(row, column);
        if (Missing(row, column, text)) return false;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= 0) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= int.MaxValue && d == Math.Floor(d))
        {
            value = (int)d;
            return true;
        }
        Add(row, column, text, $"'{ErrorEcho.Shorten(text!)}' is not a whole number of 0 or more.");
        return false;
    }
}
