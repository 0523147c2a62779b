namespace SesReview.Workbooks.Import;

/// <summary>Limits every importer applies before and while parsing.</summary>
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

    public static ImportOptions Default { get; } = new();

    /// <summary>Throws when a limit is out of bounds, naming the setting.</summary>
    public void Validate()
    {
        if (MaxFileBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "MaxFileBytes must be at least 1.");
        if (MaxRowsPerTable < 1) throw new ArgumentOutOfRangeException(nameof(MaxRowsPerTable), MaxRowsPerTable, "MaxRowsPerTable must be at least 1.");
    }
}
