namespace SesReview.Workbooks.Import;

/// <summary>
/// Limits every importer applies before and while parsing, so that any file up to <see cref="MaxFileBytes"/> is
/// accepted or refused quickly and in bounded memory however far it would expand. Each limit is named (by its
/// setting) in the error a file that exceeds it gets. docs/security.md lists them all.
/// </summary>
public sealed record ImportOptions
{
    public const long DefaultMaxFileBytes = 25L * 1024 * 1024;
    public const int DefaultMaxRowsPerTable = 250_000;

    /// <summary>Largest file accepted, checked before any parsing (default 25 MB).</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>
    /// Most data rows read from one sheet or CSV file (default 250,000, about 20 times the whole government's
    /// SES inventory). Guards against a small compressed xlsx that expands to millions of rows.
    /// </summary>
    public int MaxRowsPerTable { get; init; } = DefaultMaxRowsPerTable;

    /// <summary>Most row elements in one worksheet, empty ones included (default 1,048,576, Excel's own sheet limit).</summary>
    public int MaxSheetRows { get; init; } = 1_048_576;

    /// <summary>Most columns in one row (default 1,024; the template has at most 10 and Excel allows 16,384).</summary>
    public int MaxColumnsPerRow { get; init; } = 1_024;

    /// <summary>Most characters in one cell or CSV field (default 32,767, Excel's own cell limit).</summary>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>Most items in a workbook's shared strings table (default 1,000,000).</summary>
    public int MaxSharedStrings { get; init; } = 1_000_000;

    /// <summary>
    /// Largest uncompressed size of any ZIP entry of a workbook, counted in actual bytes while reading and also
    /// checked against the sizes the ZIP headers declare (default 64 MB; a 12,000-position workbook's largest sheet
    /// is far smaller).
    /// </summary>
    public long MaxPartBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest uncompressed size, together, of the parts that describe a workbook's structure ([Content_Types].xml,
    /// the relationship parts and workbook.xml), which the Open XML SDK loads whole (default 4 MB).
    /// </summary>
    public long MaxStructureBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Most entries in a workbook's ZIP package (default 1,000; a template workbook has about 20).</summary>
    public int MaxZipEntries { get; init; } = 1_000;

    /// <summary>Longest CSV record (line), in bytes (default 1 MB).</summary>
    public int MaxCsvRecordBytes { get; init; } = 1024 * 1024;

    public static ImportOptions Default { get; } = new();

    /// <summary>Throws when a limit is out of bounds, naming the setting.</summary>
    public void Validate()
    {
        Positive(MaxFileBytes, nameof(MaxFileBytes));
        Positive(MaxRowsPerTable, nameof(MaxRowsPerTable));
        Positive(MaxSheetRows, nameof(MaxSheetRows));
        Positive(MaxColumnsPerRow, nameof(MaxColumnsPerRow));
        Positive(MaxCellChars, nameof(MaxCellChars));
        Positive(MaxSharedStrings, nameof(MaxSharedStrings));
        Positive(MaxPartBytes, nameof(MaxPartBytes));
        Positive(MaxStructureBytes, nameof(MaxStructureBytes));
        Positive(MaxZipEntries, nameof(MaxZipEntries));
        Positive(MaxCsvRecordBytes, nameof(MaxCsvRecordBytes));
    }

    private static void Positive(long value, string setting)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(setting, value, $"{setting} must be at least 1.");
    }

    /// <summary>A byte count as the messages show it, in MB when it is whole megabytes.</summary>
    internal static string Bytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024):N0} MB" : $"{bytes:N0} bytes";
}
