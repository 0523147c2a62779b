using SesReview.Domain.Model;

namespace SesReview.Workbooks.Layouts;

/// <summary>
/// The "Executive Allocations - Agency Adjustment Template" as this product builds it (memo of November 24, 2025).
/// OPM's exact columns are unconfirmed: when an agency has OPM's file, match it by changing this class only.
/// </summary>
public static class AllocationWorkbookLayout
{
    public const string TotalsLabel = "Total";
    public const string RedesignationsSheetName = "Redesignations";
    public const string SignatureSheetName = "Signature";

    /// <summary>Name of the summary sheet of one pay plan, e.g. "ES Summary".</summary>
    public static string SummarySheetName(PayPlan payPlan) => $"{payPlan.ToCode()} Summary";

    public static class SummaryColumns
    {
        public static readonly ColumnSpec Component = new("Component", CellKind.Text, 34, true, "Component or organization.");
        public static readonly ColumnSpec Allocated = new("Current allocation", CellKind.Integer, 12, true, "Authorized positions now.");
        public static readonly ColumnSpec Filled = new("Filled", CellKind.Integer, 9, true, "Positions with a current incumbent.");
        public static readonly ColumnSpec Vacant = new("Vacant", CellKind.Integer, 9, true, "Allocated minus filled, not below zero.");
        public static readonly ColumnSpec VacancyRate = new("Vacancy rate", CellKind.Percent, 10, true, "Vacant / allocated.");
        public static readonly ColumnSpec ProposedAdjustment = new("Proposed adjustment", CellKind.Integer, 12, true, "Negative gives positions back.");
        public static readonly ColumnSpec ResultingAllocation = new("Resulting allocation", CellKind.Integer, 12, true, "Allocation after the adjustment.");
        public static readonly ColumnSpec Reason = new("Reason", CellKind.Text, 30, false, "Reason for the adjustment.", Wrap: true);
        public static readonly ColumnSpec Justification = new("Justification", CellKind.Text, 50, false, "Justification, e.g. for vacancy above the threshold.", Wrap: true);
        public static readonly ColumnSpec Warnings = new("Warnings", CellKind.Text, 50, false, "Rule warnings for this line.", Wrap: true);
    }

    public static SheetSpec Summary(PayPlan payPlan) => new(SummarySheetName(payPlan), true,
        $"Allocations of pay plan {payPlan.ToCode()} per component, with a totals row.",
        [SummaryColumns.Component, SummaryColumns.Allocated, SummaryColumns.Filled, SummaryColumns.Vacant,
         SummaryColumns.VacancyRate, SummaryColumns.ProposedAdjustment, SummaryColumns.ResultingAllocation,
         SummaryColumns.Reason, SummaryColumns.Justification, SummaryColumns.Warnings]);

    public static class RedesignationColumns
    {
        public static readonly ColumnSpec PositionId = new("Position ID", CellKind.Text, 16, true, "Agency position number.");
        public static readonly ColumnSpec Component = new("Component", CellKind.Text, 32, true, "Component or organization.");
        public static readonly ColumnSpec Title = new("Title", CellKind.Text, 40, true, "Position title.");
        public static readonly ColumnSpec From = new("From", CellKind.Code, 8, true, "Current designation.", Codes.DesignationCodes);
        public static readonly ColumnSpec To = new("To", CellKind.Code, 8, true, "Proposed designation.", Codes.DesignationCodes);
        public static readonly ColumnSpec Justification = new("Justification", CellKind.Text, 60, true, "Why the redesignation is proposed.", Wrap: true);
    }

    public static readonly SheetSpec Redesignations = new(RedesignationsSheetName, true,
        "Positions proposed for redesignation (CR to GE or GE to CR), by title.",
        [RedesignationColumns.PositionId, RedesignationColumns.Component, RedesignationColumns.Title,
         RedesignationColumns.From, RedesignationColumns.To, RedesignationColumns.Justification]);

    /// <summary>Text of the Signature sheet, column A.</summary>
    public static class SignatureLabels
    {
        public const string Heading = "Executive Allocations - Agency Adjustment";
        public const string Agency = "Agency";
        public const string DueDate = "Due to OPM (close of business)";
        public const string Certification =
            "I certify that the adjustments above reflect the agency's Annual Staffing Plan and are submitted for OPM's review.";
        public const string AgencyHeadName = "Agency head name";
        public const string AgencyHeadTitle = "Title";
        public const string Signature = "Signature";
        public const string Date = "Date";
        public const string Warnings = "Warnings";
        public const string NoWarnings = "None.";
        public const double LabelWidth = 34;
        public const double ValueWidth = 80;
    }
}
