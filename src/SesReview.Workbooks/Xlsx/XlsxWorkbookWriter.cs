using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SesReview.Workbooks.Xlsx;

/// <summary>
/// Writes an .xlsx workbook sheet by sheet. Sheet data goes through <see cref="OpenXmlWriter"/> (SAX), so memory
/// stays flat however many rows are written; only the workbook and style parts are built as DOM.
/// Dispose (or <see cref="Complete"/>) writes the workbook part and closes the package.
/// </summary>
internal sealed class XlsxWorkbookWriter : IDisposable
{
    private readonly Stream _target;
    private readonly Stream _buffer;
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly List<Sheet> _sheets = [];
    private bool _completed;

    public XlsxWorkbookWriter(Stream output)
    {
        _target = output;
        // System.IO.Packaging needs a seekable, readable stream; buffer anything else.
        _buffer = output.CanSeek && output.CanRead ? output : new MemoryStream();
        _document = SpreadsheetDocument.Create(_buffer, SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles.Create();
        styles.Stylesheet.Save();
    }

    /// <summary>Adds a sheet and writes its rows with <paramref name="write"/>. Sheets appear in the order added.</summary>
    public void AddSheet(string name, SheetSetup setup, Action<SheetWriter> write)
    {
        if (name.Length is 0 or > 31 || name.IndexOfAny(['\\', '/', '?', '*', '[', ']', ':']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a valid sheet name.", nameof(name));
        }
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            var sheet = new SheetWriter(writer, setup);
            sheet.Begin();
            write(sheet);
            sheet.End();
        }
        _sheets.Add(new Sheet { Name = name, SheetId = (uint)_sheets.Count + 1, Id = _workbookPart.GetIdOfPart(part) });
    }

    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _workbookPart.Workbook = new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(_sheets));
        _workbookPart.Workbook.Save();
        _document.Dispose();
        if (!ReferenceEquals(_buffer, _target))
        {
            _buffer.Position = 0;
            _buffer.CopyTo(_target);
            _buffer.Dispose();
        }
    }

    public void Dispose() => Complete();
}

/// <summary>Sheet-level settings written before and after the rows.</summary>
/// <param name="ColumnWidths">Width of each column from A, in character units.</param>
/// <param name="ColumnStyles">Default style of each column (applies to cells the user adds); null for none.</param>
/// <param name="FrozenRows">Rows kept in view at the top (1 = the header).</param>
/// <param name="FrozenColumns">Columns kept in view at the left.</param>
/// <param name="Validations">Data validations (drop-downs, date and number checks).</param>
internal sealed record SheetSetup(
    IReadOnlyList<double> ColumnWidths,
    IReadOnlyList<XStyle>? ColumnStyles = null,
    int FrozenRows = 1,
    int FrozenColumns = 0,
    IReadOnlyList<DataValidation>? Validations = null);

/// <summary>
/// Writes the rows of one sheet. Every text cell goes through <see cref="CellText.Neutralise"/>; numbers are
/// numbers, dates are serials with a date style, text is an inline string.
/// </summary>
internal sealed class SheetWriter
{
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    private readonly OpenXmlWriter _writer;
    private readonly SheetSetup _setup;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly List<OpenXmlAttribute> _textAttributes = new(1);
    private readonly Cell _cell = new();
    private readonly Row _row = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private string _rowText = "0";
    private int _column;
    private bool _inRow;

    internal SheetWriter(OpenXmlWriter writer, SheetSetup setup)
    {
        _writer = writer;
        _setup = setup;
    }

    /// <summary>The 1-based number of the row being written, or of the last one written.</summary>
    public int RowNumber { get; private set; }

    internal void Begin()
    {
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        if (_setup.FrozenRows > 0 || _setup.FrozenColumns > 0)
        {
            var topLeft = ColumnName(_setup.FrozenColumns) + (_setup.FrozenRows + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var activePane = _setup.FrozenColumns == 0 ? PaneValues.BottomLeft
                : _setup.FrozenRows == 0 ? PaneValues.TopRight : PaneValues.BottomRight;
            var pane = new Pane { TopLeftCell = topLeft, ActivePane = activePane, State = PaneStateValues.Frozen };
            if (_setup.FrozenRows > 0) pane.VerticalSplit = _setup.FrozenRows;
            if (_setup.FrozenColumns > 0) pane.HorizontalSplit = _setup.FrozenColumns;
            _writer.WriteElement(new SheetViews(new SheetView(
                pane,
                new Selection { Pane = activePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
            { WorkbookViewId = 0 }));
        }
        if (_setup.ColumnWidths.Count > 0)
        {
            var columns = new Columns();
            for (var i = 0; i < _setup.ColumnWidths.Count; i++)
            {
                var col = new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = _setup.ColumnWidths[i], CustomWidth = true };
                if (_setup.ColumnStyles is { } styles && i < styles.Count && styles[i] != XStyle.Default) col.Style = (uint)styles[i];
                columns.Append(col);
            }
            _writer.WriteElement(columns);
        }
        _writer.WriteStartElement(new SheetData());
    }

    internal void End()
    {
        if (_inRow) EndRow();
        _writer.WriteEndElement(); // sheetData
        if (_setup.Validations is { Count: > 0 } validations)
        {
            _writer.WriteElement(new DataValidations(validations.Select(v => (DataValidation)v.CloneNode(true))) { Count = (uint)validations.Count });
        }
        _writer.WriteElement(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        _writer.WriteEndElement(); // worksheet
    }

    public SheetWriter StartRow()
    {
        if (_inRow) EndRow();
        RowNumber++;
        _rowText = RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _column = 0;
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", null!, _rowText));
        _writer.WriteStartElement(_row, _attributes);
        _inRow = true;
        return this;
    }

    public void EndRow()
    {
        _writer.WriteEndElement();
        _inRow = false;
    }

    /// <summary>Leaves <paramref name="count"/> rows empty.</summary>
    public void SkipRows(int count)
    {
        if (_inRow) EndRow();
        RowNumber += count;
    }

    /// <summary>Writes the next cell of the current row (an empty value writes nothing but still moves on).</summary>
    public SheetWriter Cell(XCell value, XStyle style = XStyle.Default)
    {
        var reference = ColumnName(_column++) + _rowText;
        switch (value.ValueKind)
        {
            case XCell.Kind.Empty:
                if (style != XStyle.Default && style != XStyle.TextFormat) WriteCellStart(reference, style, null, selfClosing: true);
                return this;
            case XCell.Kind.Text:
                var text = CellText.Neutralise(value.Text!);
                WriteCellStart(reference, style, "inlineStr");
                _writer.WriteStartElement(_inline);
                _textAttributes.Clear();
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) _textAttributes.Add(PreserveSpace);
                _writer.WriteStartElement(_text, _textAttributes);
                _writer.WriteString(text);
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                return this;
            default:
                if (value.ValueKind == XCell.Kind.Date && style == XStyle.Default) style = XStyle.Date;
                if (value.ValueKind == XCell.Kind.DateTime && style == XStyle.Default) style = XStyle.DateTime;
                WriteCellStart(reference, style, null);
                _writer.WriteStartElement(_value);
                _writer.WriteString(value.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                return this;
        }
    }

    /// <summary>Moves to the next column without writing a cell.</summary>
    public SheetWriter Skip(int columns = 1)
    {
        _column += columns;
        return this;
    }

    private void WriteCellStart(string reference, XStyle style, string? type, bool selfClosing = false)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", null!, reference));
        if (style != XStyle.Default) _attributes.Add(new OpenXmlAttribute("s", null!, ((uint)style).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (type is not null) _attributes.Add(new OpenXmlAttribute("t", null!, type));
        _writer.WriteStartElement(_cell, _attributes);
        if (selfClosing) _writer.WriteEndElement();
    }

    /// <summary>A row of header cells in the header style.</summary>
    public void HeaderRow(IEnumerable<string> headers)
    {
        StartRow();
        foreach (var h in headers) Cell(h, XStyle.Header);
        EndRow();
    }

    private static readonly string[] ColumnNames = Enumerable.Range(0, 702).Select(BuildColumnName).ToArray();

    /// <summary>"A" for 0, "Z" for 25, "AA" for 26.</summary>
    public static string ColumnName(int index) => index < ColumnNames.Length ? ColumnNames[index] : BuildColumnName(index);

    private static string BuildColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}
