using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;

namespace SesReview.Workbooks.Export;

/// <summary>
/// Binds each column of a <see cref="SheetSpec"/> to the value it shows for one item. Cells are written in the
/// layout's column order, so reordering the layout reorders every export without touching a writer.
/// </summary>
internal sealed class ColumnMap<T>
{
    private readonly Func<T, XCell>[] _values;
    private readonly XStyle[] _styles;

    public ColumnMap(SheetSpec sheet, IReadOnlyDictionary<ColumnSpec, Func<T, XCell>> values, bool template = false)
    {
        Sheet = sheet;
        _values = new Func<T, XCell>[sheet.Columns.Count];
        _styles = new XStyle[sheet.Columns.Count];
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var column = sheet.Columns[i];
            _values[i] = values.TryGetValue(column, out var f)
                ? f
                : throw new InvalidOperationException($"No value is mapped for column {column.Header} of sheet {sheet.Name}.");
            _styles[i] = Styles.For(column, template);
        }
        if (values.Count != sheet.Columns.Count)
        {
            throw new InvalidOperationException($"A value is mapped for a column that is not on sheet {sheet.Name}.");
        }
    }

    public SheetSpec Sheet { get; }

    public SheetSetup Setup(int frozenColumns = 0, IReadOnlyList<DocumentFormat.OpenXml.Spreadsheet.DataValidation>? validations = null, bool template = false) => new(
        [.. Sheet.Columns.Select(c => c.Width)],
        template ? [.. Sheet.Columns.Select(c => Styles.For(c, template: true))] : null,
        FrozenRows: 1,
        FrozenColumns: frozenColumns,
        Validations: validations);

    public void WriteHeader(SheetWriter sheet) => sheet.HeaderRow(Sheet.Columns.Select(c => c.Header));

    public void WriteRow(SheetWriter sheet, T item)
    {
        sheet.StartRow();
        for (var i = 0; i < _values.Length; i++) sheet.Cell(_values[i](item), _styles[i]);
        sheet.EndRow();
    }
}
