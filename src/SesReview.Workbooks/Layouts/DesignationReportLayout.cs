namespace SesReview.Workbooks.Layouts;

/// <summary>
/// The designation-review report to OPM (memo of February 5, 2025): a Summary sheet of labelled values and a
/// Positions sheet with one row per identified position. Column layout and labels live only here.
/// </summary>
public static class DesignationReportLayout
{
    public const string SummarySheetName = "Summary";

    /// <summary>Labels of the Summary sheet, column A; the value is in column B of the same row, in this order.</summary>
    public static class SummaryLabels
    {
        public const string Agency = "Agency";
        public const string MemoDate = "OPM memo date";
        public const string DueDate = "Report due date";
        public const string PositionsReviewed = "ES positions reviewed";
        public const string Identified = "Positions identified";
        public const string CriterionA = "Criterion (a): General on 2021-01-19";
        public const string CriterionB = "Criterion (b): majority noncareer 2021-01-20 to 2025-01-20";
        public const string Revert = "Positions to revert to General";
        public const string RetentionRequests = "Retention requests (keep Career Reserved)";
        public const string DecisionsPending = "Decisions pending";

        public static readonly IReadOnlyList<string> InOrder =
            [Agency, MemoDate, DueDate, PositionsReviewed, Identified, CriterionA, CriterionB, Revert, RetentionRequests, DecisionsPending];
    }

    public static class PositionColumns
    {
        public static readonly ColumnSpec PositionId = new("Position ID", CellKind.Text, 16, true, "Agency position number.");
        public static readonly ColumnSpec Component = new("Component", CellKind.Text, 32, true, "Component or organization.");
        public static readonly ColumnSpec Title = new("Title", CellKind.Text, 40, true, "Position title.");
        public static readonly ColumnSpec Location = new("Location", CellKind.Text, 20, false, "Duty location.");
        public static readonly ColumnSpec CriteriaMet = new("Criteria met", CellKind.Text, 12, true,
            "a = General on 2021-01-19; b = General and noncareer for a majority of 2021-01-20 to 2025-01-20.");
        public static readonly ColumnSpec NoncareerDays = new("NA days in window", CellKind.Integer, 12, true,
            "Days held by noncareer appointees in 2021-01-20..2025-01-20, overlaps merged.");
        public static readonly ColumnSpec DesignationHistory = new("Designation history", CellKind.Text, 34, false,
            "Every designation change, oldest first, e.g. \"GE 2019-05-01; CR 2023-04-02\".");
        public static readonly ColumnSpec RedesignatedToCrOn = new("Redesignated to CR on", CellKind.Date, 14, false,
            "First General to Career Reserved change after 2021-01-19.");
        public static readonly ColumnSpec CurrentDesignation = new("Current designation", CellKind.Text, 12, false, "CR or GE.");
        public static readonly ColumnSpec ProposedAction = new("Proposed action", CellKind.Text, 20, true, "What the memo asks of the position.");
        public static readonly ColumnSpec RuleAndCitation = new("Rule and citation", CellKind.Text, 70, true,
            "Why the memo applies to the position, with the numbers and the citation, e.g. \"… 812 of 1,461 days … (OPM memo of 2025-02-05, paragraph 1(b))\".", Wrap: true);
        public static readonly ColumnSpec Decision = new("Decision", CellKind.Text, 20, false, "The agency's decision; empty while pending.");
        public static readonly ColumnSpec Justification = new("Justification", CellKind.Text, 60, false, "Written justification for a retention request.", Wrap: true);
        public static readonly ColumnSpec DecidedBy = new("Decided by", CellKind.Text, 24, false, "Who decided.");
        public static readonly ColumnSpec DecidedAt = new("Decided at (UTC)", CellKind.DateTime, 17, false, "When, in UTC.");
    }

    public static readonly SheetSpec Positions = new("Positions", true, "One row per identified position.",
        [PositionColumns.PositionId, PositionColumns.Component, PositionColumns.Title, PositionColumns.Location,
         PositionColumns.CriteriaMet, PositionColumns.NoncareerDays, PositionColumns.DesignationHistory,
         PositionColumns.RedesignatedToCrOn, PositionColumns.CurrentDesignation, PositionColumns.ProposedAction, PositionColumns.RuleAndCitation,
         PositionColumns.Decision, PositionColumns.Justification, PositionColumns.DecidedBy, PositionColumns.DecidedAt]);

    public const double SummaryLabelWidth = 55;
    public const double SummaryValueWidth = 40;
}
