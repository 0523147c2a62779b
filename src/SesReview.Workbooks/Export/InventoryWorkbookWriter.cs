using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;
using static SesReview.Workbooks.Layouts.InventoryLayout;

namespace SesReview.Workbooks.Export;

/// <summary>
/// Writes the inventory template a CHCO downloads (empty) or an inventory in the same format (for review or a
/// round trip): sheets Positions, DesignationHistory, Incumbencies, Allocations and Instructions, laid out by
/// <see cref="InventoryLayout"/>, with typed columns, yyyy-mm-dd dates, drop-downs for codes, date and number
/// checks, a styled and frozen header row. <see cref="Import.InventoryWorkbookImporter"/> reads it back exactly.
/// </summary>
public static class InventoryWorkbookWriter
{
    /// <summary>Rows the data validations cover (the whole sheet below the header).</summary>
    private const int LastRow = 1_048_576;

    private static readonly ColumnMap<Position> PositionMap = new(Positions, new Dictionary<ColumnSpec, Func<Position, XCell>>
    {
        [PositionsColumns.PositionId] = p => p.PositionId,
        [PositionsColumns.Agency] = p => p.Agency,
        [PositionsColumns.Component] = p => p.Component,
        [PositionsColumns.Title] = p => p.Title,
        [PositionsColumns.PayPlan] = p => p.PayPlan.ToCode(),
        [PositionsColumns.Location] = p => p.Location,
    }, template: true);

    private static readonly ColumnMap<DesignationChange> DesignationMap = new(DesignationHistory, new Dictionary<ColumnSpec, Func<DesignationChange, XCell>>
    {
        [DesignationColumns.PositionId] = d => d.PositionId,
        [DesignationColumns.Designation] = d => d.Designation.ToCode(),
        [DesignationColumns.EffectiveDate] = d => d.EffectiveDate,
    }, template: true);

    private static readonly ColumnMap<Incumbency> IncumbencyMap = new(Incumbencies, new Dictionary<ColumnSpec, Func<Incumbency, XCell>>
    {
        [IncumbencyColumns.PositionId] = i => i.PositionId,
        [IncumbencyColumns.AppointmentType] = i => i.AppointmentType.ToCode(),
        [IncumbencyColumns.StartDate] = i => i.Start,
        [IncumbencyColumns.EndDate] = i => XCell.Of(i.End),
        [IncumbencyColumns.IncumbentName] = i => i.IncumbentName,
    }, template: true);

    private static readonly ColumnMap<Allocation> AllocationMap = new(Allocations, new Dictionary<ColumnSpec, Func<Allocation, XCell>>
    {
        [AllocationColumns.Component] = a => a.Component,
        [AllocationColumns.PayPlan] = a => a.PayPlan.ToCode(),
        [AllocationColumns.Allocated] = a => a.Allocated,
    }, template: true);

    /// <summary>Writes the empty template.</summary>
    public static void WriteTemplate(Stream output) => Write(PositionInventory.Create([], [], []), output);

    /// <summary>Writes <paramref name="inventory"/> in the template format, rows in the inventory's order.</summary>
    public static void Write(PositionInventory inventory, Stream output)
    {
        using var workbook = new XlsxWorkbookWriter(output);
        WriteTable(workbook, PositionMap, inventory.Positions);
        WriteTable(workbook, DesignationMap, inventory.Designations);
        WriteTable(workbook, IncumbencyMap, inventory.Incumbencies);
        WriteTable(workbook, AllocationMap, inventory.Allocations);
        workbook.AddSheet(InstructionsSheetName, new SheetSetup([22, 18, 10, 14, 34, 90], FrozenRows: 0), WriteInstructions);
    }

    private static void WriteTable<T>(XlsxWorkbookWriter workbook, ColumnMap<T> map, IReadOnlyList<T> rows)
    {
        workbook.AddSheet(map.Sheet.Name, map.Setup(validations: ValidationsFor(map.Sheet), template: true), sheet =>
        {
            map.WriteHeader(sheet);
            foreach (var row in rows) map.WriteRow(sheet, row);
        });
    }

    /// <summary>Drop-downs for code columns, date checks for date columns, a whole-number check for counts.</summary>
    internal static List<DataValidation> ValidationsFor(SheetSpec sheet)
    {
        var list = new List<DataValidation>();
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var column = sheet.Columns[i];
            var letter = SheetWriter.ColumnName(i);
            var range = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{LastRow}" };
            DataValidation? v = column.Kind switch
            {
                CellKind.Code when column.Codes is { Count: > 0 } codes => new DataValidation(
                    new Formula1($"\"{string.Join(",", codes)}\""))
                {
                    Type = DataValidationValues.List,
                    ErrorTitle = $"Invalid {column.Header}",
                    Error = $"Choose one of {string.Join(", ", codes)}.",
                },
                CellKind.Date => new DataValidation(
                    new Formula1(ExcelDates.ToSerial(new DateOnly(1950, 1, 1)).ToString(CultureInfo.InvariantCulture)),
                    new Formula2(ExcelDates.ToSerial(new DateOnly(2099, 12, 31)).ToString(CultureInfo.InvariantCulture)))
                {
                    Type = DataValidationValues.Date,
                    Operator = DataValidationOperatorValues.Between,
                    ErrorTitle = $"Invalid {column.Header}",
                    Error = "Enter a date between 1950-01-01 and 2099-12-31 as yyyy-mm-dd.",
                },
                CellKind.Integer => new DataValidation(new Formula1("0"))
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.GreaterThanOrEqual,
                    ErrorTitle = $"Invalid {column.Header}",
                    Error = "Enter a whole number, 0 or more.",
                },
                _ => null,
            };
            if (v is null) continue;
            v.AllowBlank = true;
            v.ShowErrorMessage = true;
            v.ShowInputMessage = true;
            v.PromptTitle = column.Header.Length <= 32 ? column.Header : column.Header[..32];
            v.Prompt = column.Description.Length <= 250 ? column.Description : column.Description[..250];
            v.SequenceOfReferences = range;
            list.Add(v);
        }
        return list;
    }

    private static void WriteInstructions(SheetWriter sheet)
    {
        sheet.StartRow().Cell("Executive position inventory: instructions", XStyle.Title);
        sheet.SkipRows(1);
        string[] notes =
        [
            "Fill in one sheet per table. Keep the sheet names and the header row (row 1) as they are; the column order may change and extra columns are ignored.",
            "Dates: enter real dates (the cells are formatted yyyy-mm-dd) or text in the form yyyy-mm-dd, e.g. 2025-01-20.",
            "Codes: choose from the drop-down lists. Codes are listed below.",
            "Every position on DesignationHistory and Incumbencies must be on Positions. Only ES positions carry a designation.",
            "The Allocations sheet is optional; it is needed for the executive allocation review.",
            "Text that begins with = + - @ is stored with a leading apostrophe (') so that no spreadsheet treats it as a formula; the apostrophe is removed on import.",
        ];
        foreach (var note in notes) sheet.StartRow().Cell(note);
        sheet.SkipRows(1);

        sheet.HeaderRow(["Sheet", "Column", "Required", "Type", "Allowed values", "What it means"]);
        foreach (var spec in DataSheets)
        {
            foreach (var column in spec.Columns)
            {
                sheet.StartRow()
                    .Cell(spec.Name + (spec.Required ? "" : " (optional sheet)"))
                    .Cell(column.Header)
                    .Cell(column.Required ? "Yes" : "No")
                    .Cell(column.Kind switch
                    {
                        CellKind.Date => "Date (yyyy-mm-dd)",
                        CellKind.Integer => "Whole number",
                        CellKind.Code => "Code",
                        _ => "Text",
                    })
                    .Cell(column.Codes is null ? null : string.Join(", ", column.Codes))
                    .Cell(column.Description, XStyle.Wrap);
            }
        }
    }
}
