using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Xlsx;

/// <summary>Cell styles shared by every workbook this project writes; the value is the index into cellXfs.</summary>
internal enum XStyle : uint
{
    Default = 0,
    Header = 1,
    Date = 2,
    DateTime = 3,
    Percent = 4,
    TextFormat = 5,
    Wrap = 6,
    Bold = 7,
    BoldPercent = 8,
    Title = 9,
    SignatureLine = 10,
    BoldWrap = 11,
}

internal static class Styles
{
    public const string DateFormat = "yyyy-mm-dd";
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";
    private const uint DateFormatId = 164;
    private const uint DateTimeFormatId = 165;
    private const uint PercentFormatId = 10; // built-in "0.00%"
    private const uint TextFormatId = 49;    // built-in "@"

    /// <summary>The style of a value cell of <paramref name="column"/>; template sheets format text columns as text (@).</summary>
    public static XStyle For(ColumnSpec column, bool template = false) => column.Kind switch
    {
        CellKind.Date => XStyle.Date,
        CellKind.DateTime => XStyle.DateTime,
        CellKind.Percent => XStyle.Percent,
        CellKind.Integer => XStyle.Default,
        _ when template => XStyle.TextFormat,
        _ => column.Wrap ? XStyle.Wrap : XStyle.Default,
    };

    public static Stylesheet Create()
    {
        static CellFormat Format(uint numFmt = 0, uint font = 0, uint fill = 0, uint border = 0, Alignment? alignment = null)
        {
            var f = new CellFormat { NumberFormatId = numFmt, FontId = font, FillId = fill, BorderId = border, FormatId = 0 };
            if (numFmt != 0) f.ApplyNumberFormat = true;
            if (font != 0) f.ApplyFont = true;
            if (fill != 0) f.ApplyFill = true;
            if (border != 0) f.ApplyBorder = true;
            if (alignment is not null)
            {
                f.ApplyAlignment = true;
                f.Append(alignment);
            }
            return f;
        }

        static Font Font(bool bold = false, string? color = null, double size = 11)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size });
            font.Append(color is null ? new Color { Theme = 1 } : new Color { Rgb = color });
            font.Append(new FontName { Val = "Calibri" });
            font.Append(new FontFamilyNumbering { Val = 2 });
            return font;
        }

        var wrapTop = () => new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top };

        var formats = new[]
        {
            Format(),                                                                   // Default
            Format(font: 2, fill: 2, alignment: new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }), // Header
            Format(numFmt: DateFormatId),                                               // Date
            Format(numFmt: DateTimeFormatId),                                           // DateTime
            Format(numFmt: PercentFormatId),                                            // Percent
            Format(numFmt: TextFormatId),                                               // TextFormat
            Format(alignment: wrapTop()),                                               // Wrap
            Format(font: 1),                                                            // Bold
            Format(numFmt: PercentFormatId, font: 1),                                   // BoldPercent
            Format(font: 3),                                                            // Title
            Format(border: 1),                                                          // SignatureLine
            Format(font: 1, alignment: wrapTop()),                                      // BoldWrap
        };

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormat },
                new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = DateTimeFormat })
            { Count = 2 },
            new Fonts(Font(), Font(bold: true), Font(bold: true, color: "FFFFFFFF"), Font(bold: true, size: 14)) { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FF1F4E79" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                    new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(formats) { Count = (uint)formats.Length },
            new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
