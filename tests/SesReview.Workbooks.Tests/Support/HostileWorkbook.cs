using System.IO.Compression;
using System.Text;

namespace SesReview.Workbooks.Tests.Support;

/// <summary>
/// Builds small .xlsx files that expand hugely: the sheet and shared strings XML are written straight into the
/// deflate stream, so a part of hundreds of MB never exists in memory and compresses to a few hundred KB.
/// </summary>
internal static class HostileWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <param name="writeSheetData">Writes the rows inside the Positions sheet's &lt;sheetData&gt;.</param>
    /// <param name="writeSharedStrings">Writes the items inside &lt;sst&gt;; null for no shared strings part.</param>
    /// <param name="extraEntries">Further small entries, to make a package with many entries.</param>
    public static byte[] Build(Action<TextWriter> writeSheetData, Action<TextWriter>? writeSharedStrings = null, int extraEntries = 0)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
                "</Types>"));
            Entry(zip, "_rels/.rels", w => w.Write(
                $"<Relationships xmlns=\"{PackageRels}\"><Relationship Id=\"rId1\" Type=\"{DocRels}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Entry(zip, "xl/workbook.xml", w => w.Write(
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{DocRels}\"><sheets><sheet name=\"Positions\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                $"<Relationships xmlns=\"{PackageRels}\"><Relationship Id=\"rId1\" Type=\"{DocRels}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                (writeSharedStrings is null ? "" : $"<Relationship Id=\"rId2\" Type=\"{DocRels}/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            Entry(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<worksheet xmlns=\"{Main}\"><sheetData>");
                writeSheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (writeSharedStrings is not null)
            {
                Entry(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"<sst xmlns=\"{Main}\">");
                    writeSharedStrings(w);
                    w.Write("</sst>");
                });
            }
            for (var i = 0; i < extraEntries; i++) Entry(zip, $"xl/extra/item{i}.xml", w => w.Write("<x/>"));
        }
        return output.ToArray();
    }

    /// <summary>The header row of the Positions sheet as inline strings, so that the data below it is read.</summary>
    public static void HeaderRow(TextWriter w)
    {
        w.Write("<row r=\"1\">");
        foreach (var header in new[] { "PositionId", "Agency", "Component", "Title", "PayPlan", "Location" })
        {
            w.Write($"<c t=\"inlineStr\"><is><t>{header}</t></is></c>");
        }
        w.Write("</row>");
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="c"/> in blocks, never holding them whole.</summary>
    public static void Repeat(TextWriter w, char c, long count)
    {
        var block = new string(c, 64 * 1024);
        for (var left = count; left > 0; left -= block.Length) w.Write(block.AsSpan(0, (int)Math.Min(block.Length, left)));
    }

    public static void Repeat(TextWriter w, string text, long count)
    {
        for (var i = 0L; i < count; i++) w.Write(text);
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 64 * 1024);
        write(writer);
    }
}
