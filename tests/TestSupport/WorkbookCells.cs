using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TestSupport;

/// <summary>Every row of every sheet of a workbook as text (shared strings resolved), to check what OPM receives.</summary>
public static class WorkbookCells
{
    public static Dictionary<string, List<List<string>>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var shared = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var result = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
            result[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => Text(c, shared)).ToList())];
        }
        return result;
    }

    private static string Text(Cell cell, List<string> shared) =>
        cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
        : cell.CellValue?.Text ?? "";
}
