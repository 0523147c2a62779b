using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Import;

/// <summary>
/// Imports the inventory template workbook (.xlsx) as <see cref="Export.InventoryWorkbookWriter"/> writes it
/// or as a user fills it in with Excel. Sheets are found by name and columns by header, so order does not
/// matter and extra sheets or columns are ignored. Sheet data is streamed (SAX); dates may be date serials
/// or yyyy-mm-dd text. Returns the inventory or every error found, never partial data; a file that is not a
/// workbook, or is larger than <see cref="ImportOptions.MaxFileBytes"/>, gives an error, not an exception.
/// </summary>
public sealed class InventoryWorkbookImporter
{
    private readonly ImportOptions _options;

    public InventoryWorkbookImporter(ImportOptions? options = null)
    {
        _options = options ?? ImportOptions.Default;
        _options.Validate();
    }

    public ImportResult<PositionInventory> Import(string path)
    {
        var fileName = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        if (length > _options.MaxFileBytes)
        {
            return ImportResult<PositionInventory>.Failure([FileGuard.TooLarge(fileName, length, _options.MaxFileBytes)]);
        }
        using var stream = File.OpenRead(path);
        return Import(stream, fileName);
    }

    /// <param name="fileName">Used in error messages only.</param>
    public ImportResult<PositionInventory> Import(Stream content, string fileName)
    {
        var errors = new List<ImportError>();
        var stream = FileGuard.OpenBounded(content, fileName, _options.MaxFileBytes, errors);
        if (stream is null) return ImportResult<PositionInventory>.Failure(errors);

        var kind = FileGuard.Sniff(stream);
        if (kind != FileGuard.Kind.Zip)
        {
            return Fail(errors, fileName, $"The file is not an Excel workbook (.xlsx): {FileGuard.Describe(kind)}." +
                (kind == FileGuard.Kind.Text ? " Import CSV files with the CSV importer, or open the file in Excel and save it as .xlsx." : ""));
        }

        try
        {
            if (ZipPackageGuard.Check(stream, fileName, _options) is { } refused)
            {
                errors.Add(refused);
                return ImportResult<PositionInventory>.Failure(errors);
            }
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = _options.MaxStructureBytes });
            var reader = new XlsxTableReader(document, fileName, _options);
            var tables = new Dictionary<SheetSpec, RawTable?>();
            foreach (var spec in InventoryLayout.DataSheets)
            {
                var table = reader.Read(spec.Name, errors);
                if (table is null && spec.Required)
                {
                    errors.Add(new ImportError(fileName, spec.Name, null, null, null,
                        $"The workbook has no sheet named {spec.Name}. Required sheets: " +
                        string.Join(", ", InventoryLayout.DataSheets.Where(s => s.Required).Select(s => s.Name)) +
                        $"; found: {string.Join(", ", reader.SheetNames)}."));
                }
                tables[spec] = table;
            }
            return InventoryAssembler.Assemble(tables, errors);
        }
        catch (ImportLimitException ex)
        {
            // A limit stops reading at once: errors found before it describe a file that was not read in full.
            return ImportResult<PositionInventory>.Failure([ex.Error]);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException)
        {
            return Fail(errors, fileName, $"The file is not a readable Excel workbook (.xlsx): {ex.Message}");
        }
    }

    private static ImportResult<PositionInventory> Fail(List<ImportError> errors, string fileName, string message)
    {
        errors.Add(new ImportError(fileName, null, null, null, null, message));
        return ImportResult<PositionInventory>.Failure(errors);
    }
}
