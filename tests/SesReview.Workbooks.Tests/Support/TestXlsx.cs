using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SesReview.Workbooks.Tests.Support;

/// <summary>Builds small workbooks the way other tools write them (DOM, shared or inline strings, numbers, dates as serials).</summary>
internal static class TestXlsx
{
    /// <param name="sheets">Sheet name and rows; a cell is a string (text), a number (int/double) or a DateOnly (serial), or null.</param>
    public static byte[] Build(IEnumerable<(string Name, IReadOnlyList<object?[]> Rows)> sheets, bool sharedStrings = true)
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            var sst = sharedStrings ? wb.AddNewPart<SharedStringTablePart>() : null;
            var strings = new List<string>();
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var value = rows[r][c];
                        if (value is null) continue;
                        var reference = $"{(char)('A' + c)}{r + 1}";
                        row.Append(value switch
                        {
                            string s when sharedStrings => SharedCell(reference, s, strings),
                            string s => new Cell(new InlineString(new Text(s))) { CellReference = reference, DataType = CellValues.InlineString },
                            DateOnly d => NumberCell(reference, d.ToDateTime(TimeOnly.MinValue).ToOADate()),
                            int i => NumberCell(reference, i),
                            double x => NumberCell(reference, x),
                            _ => throw new ArgumentException($"Unsupported cell value {value}"),
                        });
                    }
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                wb.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = id++, Id = wb.GetIdOfPart(part) });
            }
            if (sst is not null) sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
        }
        return stream.ToArray();
    }

    private static Cell SharedCell(string reference, string text, List<string> strings)
    {
        var index = strings.IndexOf(text);
        if (index < 0)
        {
            strings.Add(text);
            index = strings.Count - 1;
        }
        return new Cell(new CellValue(index.ToString(CultureInfo.InvariantCulture))) { CellReference = reference, DataType = CellValues.SharedString };
    }

    private static Cell NumberCell(string reference, double value) =>
        new(new CellValue(value.ToString("R", CultureInfo.InvariantCulture))) { CellReference = reference };
}
