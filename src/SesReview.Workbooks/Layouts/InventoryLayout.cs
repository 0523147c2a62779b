using SesReview.Domain.Model;

namespace SesReview.Workbooks.Layouts;

/// <summary>
/// The inventory template: sheet names, headers, column order, types, widths and code lists. The template
/// writer, the xlsx and CSV importers and the Instructions sheet all read this one definition.
/// </summary>
public static class InventoryLayout
{
    public const string InstructionsSheetName = "Instructions";

    public static class PositionsColumns
    {
        public static readonly ColumnSpec PositionId = new("PositionId", CellKind.Text, 16, true,
            "The agency's position number. Unique within the inventory; the other sheets refer to it.");
        public static readonly ColumnSpec Agency = new("Agency", CellKind.Text, 30, true, "Agency name.");
        public static readonly ColumnSpec Component = new("Component", CellKind.Text, 34, true,
            "Component or organization within the agency; allocations are counted per component.");
        public static readonly ColumnSpec Title = new("Title", CellKind.Text, 44, true, "Position title.");
        public static readonly ColumnSpec PayPlan = new("PayPlan", CellKind.Code, 10, true,
            "ES = Senior Executive Service, SL = Senior Level, ST = Scientific or Professional.", Codes.PayPlanCodes);
        public static readonly ColumnSpec Location = new("Location", CellKind.Text, 24, false, "Duty location, e.g. Washington, DC.");
    }

    public static class DesignationColumns
    {
        public static readonly ColumnSpec PositionId = new("PositionId", CellKind.Text, 16, true,
            "Position number as on the Positions sheet. Only ES positions carry a designation.");
        public static readonly ColumnSpec Designation = new("Designation", CellKind.Code, 13, true,
            "CR = Career Reserved, GE = General.", Codes.DesignationCodes);
        public static readonly ColumnSpec EffectiveDate = new("EffectiveDate", CellKind.Date, 14, true,
            "Date the designation took effect (yyyy-mm-dd). One row per change; the designation holds until the next change.");
    }

    public static class IncumbencyColumns
    {
        public static readonly ColumnSpec PositionId = new("PositionId", CellKind.Text, 16, true,
            "Position number as on the Positions sheet.");
        public static readonly ColumnSpec AppointmentType = new("AppointmentType", CellKind.Code, 17, true,
            "OPM PLUM appointment type: CA career, NA noncareer, TA limited term, EA limited emergency, and CG, DA, XS, PAS, PA, SC.",
            Codes.AppointmentTypeCodes);
        public static readonly ColumnSpec StartDate = new("StartDate", CellKind.Date, 12, true,
            "First day the appointee held the position (yyyy-mm-dd).");
        public static readonly ColumnSpec EndDate = new("EndDate", CellKind.Date, 12, false,
            "Last day the appointee held the position (inclusive); leave empty while still serving. Incumbencies of one position must not overlap.");
        public static readonly ColumnSpec IncumbentName = new("IncumbentName", CellKind.Text, 28, false, "Appointee's name (optional).");
    }

    public static class AllocationColumns
    {
        public static readonly ColumnSpec Component = new("Component", CellKind.Text, 34, true, "Component, spelled as on the Positions sheet.");
        public static readonly ColumnSpec PayPlan = new("PayPlan", CellKind.Code, 10, true, "ES, SL or ST.", Codes.PayPlanCodes);
        public static readonly ColumnSpec Allocated = new("Allocated", CellKind.Integer, 11, true,
            "Current allocation: the number of authorized positions (whole number, 0 or more).");
    }

    public static readonly SheetSpec Positions = new("Positions", true,
        "One row per executive position (ES, SL, ST).",
        [PositionsColumns.PositionId, PositionsColumns.Agency, PositionsColumns.Component, PositionsColumns.Title,
         PositionsColumns.PayPlan, PositionsColumns.Location]);

    public static readonly SheetSpec DesignationHistory = new("DesignationHistory", true,
        "Every designation change of every ES position, including the original designation.",
        [DesignationColumns.PositionId, DesignationColumns.Designation, DesignationColumns.EffectiveDate]);

    public static readonly SheetSpec Incumbencies = new("Incumbencies", true,
        "Every appointee's time in a position, past and present.",
        [IncumbencyColumns.PositionId, IncumbencyColumns.AppointmentType, IncumbencyColumns.StartDate,
         IncumbencyColumns.EndDate, IncumbencyColumns.IncumbentName]);

    public static readonly SheetSpec Allocations = new("Allocations", false,
        "Optional: current allocation per component and pay plan (needed for the executive allocation review).",
        [AllocationColumns.Component, AllocationColumns.PayPlan, AllocationColumns.Allocated]);

    /// <summary>The data sheets in workbook order (Instructions comes last).</summary>
    public static readonly IReadOnlyList<SheetSpec> DataSheets = [Positions, DesignationHistory, Incumbencies, Allocations];
}
