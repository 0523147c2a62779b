using System.Text;
using CsvHelper;

namespace SesReview.Workbooks.Import;

/// <summary>
/// Reads a UTF-8 CSV (byte order mark optional, RFC 4180 quoting) into a <see cref="RawTable"/> with CsvHelper's
/// reader. Row numbers count records with the header as row 1, as a spreadsheet shows the file. A record with
/// more fields than the header is an error (usually an unquoted comma); fewer fields read as empty. A quoted
/// value that is never closed, or text after a closing quote, is an error.
/// </summary>
internal static class CsvTableReader
{
    public static RawTable? Read(Stream content, string fileName, ImportOptions limits, List<ImportError> errors)
    {
        var stream = FileGuard.OpenBounded(content, fileName, limits.MaxFileBytes, errors);
        if (stream is null) return null;
        var kind = FileGuard.Sniff(stream);
        if (kind != FileGuard.Kind.Text)
        {
            errors.Add(new ImportError(fileName, null, null, null, null,
                kind == FileGuard.Kind.Empty
                    ? "The file is empty; row 1 must hold the column headers."
                    : $"The file is not a CSV text file: {FileGuard.Describe(kind)}. Save it as CSV UTF-8."));
            return null;
        }

        var malformed = new List<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false, // the header is read as record 1, so record numbers are the row numbers a user sees
            SkipEmptyLines = true,
            MaxRecordSize = limits.MaxCsvRecordBytes,
            OnMalformedRecord = malformed.Add,
        };
        var rows = new List<RawRow>();
        string?[]? header = null;
        try
        {
            using var reader = CsvReader.Create(stream, options, true);
            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber);
                if (reader.FieldCount > limits.MaxColumnsPerRow)
                {
                    errors.Add(new ImportError(fileName, null, row, null, null,
                        $"The row has more than {limits.MaxColumnsPerRow:N0} fields (setting MaxColumnsPerRow); the file was not read further."));
                    return null;
                }
                var record = new string?[reader.FieldCount];
                var blank = true;
                for (var i = 0; i < record.Length; i++)
                {
                    var value = reader.GetString(i);
                    if (value.Length > limits.MaxCellChars)
                    {
                        errors.Add(new ImportError(fileName, null, row, header is not null && i < header.Length ? header[i] : null, value,
                            $"Row {row}: a field holds more than {limits.MaxCellChars:N0} characters (setting MaxCellChars); the file was not read further."));
                        return null;
                    }
                    record[i] = value;
                    if (blank && !string.IsNullOrWhiteSpace(value)) blank = false;
                }
                if (blank) continue;
                if (header is null)
                {
                    header = record;
                    continue;
                }
                if (rows.Count >= limits.MaxRowsPerTable)
                {
                    errors.Add(new ImportError(fileName, null, null, null, null,
                        $"The file has more than {limits.MaxRowsPerTable:N0} data rows (setting MaxRowsPerTable); it was not read further."));
                    break;
                }
                if (record.Length > header.Length && record.Skip(header.Length).Any(f => !string.IsNullOrWhiteSpace(f)))
                {
                    errors.Add(new ImportError(fileName, null, row, null, Shorten(Encoding.UTF8.GetString(reader.RawRecord)),
                        $"The row has {record.Length} fields but the header has {header.Length}; a value with a comma must be in double quotes."));
                    continue;
                }
                rows.Add(new RawRow(row, record));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new ImportError(fileName, null, ex.RecordNumber > 0 ? checked((int)ex.RecordNumber) : null, null, null,
                $"The file could not be read as CSV: {ex.Message.Split('\n')[0]} (records are limited to {ImportOptions.Bytes(limits.MaxCsvRecordBytes)}, setting MaxCsvRecordBytes)."));
            return null;
        }

        foreach (var m in malformed.Where(m => m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.TextAfterClosingQuote))
        {
            errors.Add(new ImportError(fileName, null, checked((int)m.RecordNumber), null, Shorten(m.RawRecord),
                m.Reason == CsvMalformedReason.UnterminatedQuote
                    ? "A quoted value is never closed: a double quote is missing."
                    : "Text follows the closing double quote of a value; a double quote inside a quoted value must be doubled (\"\")."));
        }

        if (header is null)
        {
            errors.Add(new ImportError(fileName, null, null, null, null, "The file has no header row; row 1 must hold the column headers."));
            return null;
        }
        return new RawTable(fileName, null, 1, header, rows, AllowDateSerials: false);
    }

    private static string Shorten(string text) => ErrorEcho.Shorten(text);
}
