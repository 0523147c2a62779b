using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Import;

/// <summary>One CSV file handed to an importer: its name (for messages) and its content.</summary>
public sealed record CsvSource(string FileName, Stream Content)
{
    public static CsvSource FromFile(string path) => new(Path.GetFileName(path), File.OpenRead(path));
}

/// <summary>
/// Imports the inventory as CSV files, one per template sheet, with the same headers (UTF-8, optional BOM,
/// dates as yyyy-mm-dd). Same checks and all-or-nothing result as <see cref="InventoryWorkbookImporter"/>.
/// </summary>
public sealed class InventoryCsvImporter
{
    private readonly ImportOptions _options;

    public InventoryCsvImporter(ImportOptions? options = null)
    {
        _options = options ?? ImportOptions.Default;
        _options.Validate();
    }

    /// <summary>Reads Positions.csv, DesignationHistory.csv, Incumbencies.csv and (if present) Allocations.csv from a folder.</summary>
    public ImportResult<PositionInventory> ImportFolder(string folder)
    {
        var sources = new Dictionary<SheetSpec, CsvSource?>();
        var errors = new List<ImportError>();
        try
        {
            foreach (var spec in InventoryLayout.DataSheets)
            {
                var path = Path.Combine(folder, spec.CsvFileName);
                if (!File.Exists(path))
                {
                    sources[spec] = null;
                    continue;
                }
                var length = new FileInfo(path).Length;
                if (length > _options.MaxFileBytes)
                {
                    errors.Add(FileGuard.TooLarge(spec.CsvFileName, length, _options.MaxFileBytes));
                    sources[spec] = null;
                    continue;
                }
                sources[spec] = CsvSource.FromFile(path);
            }
            if (errors.Count > 0) return ImportResult<PositionInventory>.Failure(errors);
            return Import(sources[InventoryLayout.Positions], sources[InventoryLayout.DesignationHistory],
                sources[InventoryLayout.Incumbencies], sources[InventoryLayout.Allocations]);
        }
        finally
        {
            foreach (var s in sources.Values) s?.Content.Dispose();
        }
    }

    /// <summary>Imports the tables from the given files; a null required file is reported as missing.</summary>
    public ImportResult<PositionInventory> Import(CsvSource? positions, CsvSource? designationHistory, CsvSource? incumbencies, CsvSource? allocations = null)
    {
        var errors = new List<ImportError>();
        var tables = new Dictionary<SheetSpec, RawTable?>();
        var given = new Dictionary<SheetSpec, CsvSource?>
        {
            [InventoryLayout.Positions] = positions,
            [InventoryLayout.DesignationHistory] = designationHistory,
            [InventoryLayout.Incumbencies] = incumbencies,
            [InventoryLayout.Allocations] = allocations,
        };
        foreach (var spec in InventoryLayout.DataSheets)
        {
            var source = given[spec];
            if (source is null)
            {
                if (spec.Required)
                {
                    errors.Add(new ImportError(spec.CsvFileName, null, null, null, null,
                        $"The {spec.Name} table is missing: supply {spec.CsvFileName} with the headers {string.Join(", ", spec.Columns.Select(c => c.Header))}."));
                }
                tables[spec] = null;
                continue;
            }
            // A file that cannot be read at all is reported by the reader and then treated as absent.
            tables[spec] = CsvTableReader.Read(source.Content, source.FileName, _options, errors);
        }
        return InventoryAssembler.Assemble(tables, errors);
    }
}
