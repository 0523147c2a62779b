using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SesReview.Workbooks.Tests.Support;

/// <summary>Reads a written workbook back through the DOM (test files are small) to check cells, styles and sheet settings.</summary>
internal sealed class XlsxProbe : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly string[] _sharedStrings;

    public XlsxProbe(byte[] bytes)
    {
        _document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        _sharedStrings = _document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
            .Select(s => s.InnerText).ToArray() ?? [];
    }

    public SpreadsheetDocument Document => _document;

    public IReadOnlyList<string> SheetNames =>
        [.. _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public Worksheet Worksheet(string name)
    {
        var sheet = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    public Cell? Cell(string sheet, string reference) =>
        Worksheet(sheet).Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);

    /// <summary>The displayed text of a text cell, or the raw value of a number cell; null when there is no cell.</summary>
    public string? Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell is null) return null;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString) return _sharedStrings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
        return cell.CellValue?.Text;
    }

    public double? Number(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell is null || cell.DataType is not null) return null;
        return double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
    }

    public DateOnly? Date(string sheet, string reference) =>
        Number(sheet, reference) is { } serial ? DateOnly.FromDateTime(DateTime.FromOADate(serial)) : null;

    /// <summary>The number format code of a cell's style ("General" when it has none).</summary>
    public string NumberFormat(string sheet, string reference)
    {
        var cell = Cell(sheet, reference)!;
        var stylesheet = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = (CellFormat)stylesheet.CellFormats!.ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? id switch { 0 => "General", 10 => "0.00%", 49 => "@", _ => $"builtin {id}" };
    }

    public bool IsBold(string sheet, string reference)
    {
        var cell = Cell(sheet, reference)!;
        var stylesheet = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = (CellFormat)stylesheet.CellFormats!.ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var font = (Font)stylesheet.Fonts!.ElementAt((int)(format.FontId?.Value ?? 0));
        return font.Bold is not null;
    }

    /// <summary>All rows of a sheet as displayed text (numbers raw), by column position.</summary>
    public List<string?[]> Rows(string sheet) =>
        [.. Worksheet(sheet).Descendants<Row>().Select(r =>
        {
            var cells = r.Elements<Cell>().ToList();
            var width = cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex(c.CellReference!)) + 1;
            var values = new string?[width];
            foreach (var c in cells) values[ColumnIndex(c.CellReference!)] = Text(sheet, c.CellReference!);
            return values;
        })];

    /// <summary>The row number whose column A shows <paramref name="text"/>.</summary>
    public int RowWhereA(string sheet, string text) =>
        (int)Worksheet(sheet).Descendants<Row>().First(r => r.Elements<Cell>().Any(c => c.CellReference == $"A{r.RowIndex}" && Text(sheet, c.CellReference!) == text)).RowIndex!.Value;

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }

    public void Dispose() => _document.Dispose();
}
