using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;
using static SesReview.Workbooks.Layouts.DesignationReportLayout;

namespace SesReview.Workbooks.Export;

/// <summary>
/// Writes the designation-review report to OPM (memo of February 5, 2025) from a <see cref="DesignationReport"/>:
/// a Summary sheet of counts and a Positions sheet with one row per identified position, laid out by
/// <see cref="DesignationReportLayout"/>. Counts, dates and days are typed cells; decision times are UTC.
/// </summary>
public static class DesignationReportWriter
{
    private static readonly ColumnMap<DesignationReportEntry> PositionMap = new(Positions, new Dictionary<ColumnSpec, Func<DesignationReportEntry, XCell>>
    {
        [PositionColumns.PositionId] = e => e.Position.PositionId,
        [PositionColumns.Component] = e => e.Position.Component,
        [PositionColumns.Title] = e => e.Position.Title,
        [PositionColumns.Location] = e => e.Position.Location,
        [PositionColumns.CriteriaMet] = e => CriteriaMet(e.Assessment),
        [PositionColumns.NoncareerDays] = e => e.Assessment.NoncareerDaysInWindow,
        [PositionColumns.DesignationHistory] = e => HistoryText(e.DesignationHistory),
        [PositionColumns.RedesignatedToCrOn] = e => XCell.Of(e.Assessment.RedesignatedToCareerReservedOn),
        [PositionColumns.CurrentDesignation] = e => e.Assessment.CurrentDesignation?.ToCode(),
        [PositionColumns.ProposedAction] = e => ActionText(e.Assessment.ProposedAction),
        [PositionColumns.RuleAndCitation] = e => FindingsText(e.Assessment),
        [PositionColumns.Decision] = e => e.Decision is { } d ? ActionText(d.Action) : e.Assessment.NeedsDecision ? PendingText : null,
        [PositionColumns.Justification] = e => e.Decision?.Justification,
        [PositionColumns.DecidedBy] = e => e.Decision?.DecidedBy,
        [PositionColumns.DecidedAt] = e => XCell.Of(e.Decision?.DecidedAt),
    });

    public const string PendingText = "Pending";

    /// <param name="workingCopyCrossCheck">The CHCO's working copy only: adds the PLUM cross-check sheet. Null (the default,
    /// and what the package sent to OPM uses) leaves it out.</param>
    public static void Write(DesignationReport report, Stream output, SesReview.Domain.PlumCrossCheck.PlumCrossCheckResult? workingCopyCrossCheck = null)
    {
        using var workbook = new XlsxWorkbookWriter(output);
        var summary = DesignationReportSummary.From(report);
        workbook.AddSheet(SummarySheetName, new SheetSetup([SummaryLabelWidth, SummaryValueWidth]), sheet =>
        {
            sheet.HeaderRow(["Item", "Value"]);
            foreach (var label in SummaryLabels.InOrder)
            {
                sheet.StartRow().Cell(label, XStyle.Bold).Cell(label switch
                {
                    SummaryLabels.Agency => report.Agency,
                    SummaryLabels.MemoDate => report.MemoDate,
                    SummaryLabels.DueDate => report.DueDate,
                    SummaryLabels.PositionsReviewed => report.PositionsReviewed,
                    SummaryLabels.Identified => summary.Identified,
                    SummaryLabels.CriterionA => summary.CriterionA,
                    SummaryLabels.CriterionB => summary.CriterionB,
                    SummaryLabels.Revert => summary.Revert,
                    SummaryLabels.RetentionRequests => summary.RetentionRequests,
                    SummaryLabels.DecisionsPending => summary.DecisionsPending,
                    _ => throw new InvalidOperationException($"No value for summary label {label}."),
                });
            }
        });
        workbook.AddSheet(Positions.Name, PositionMap.Setup(frozenColumns: 1), sheet =>
        {
            PositionMap.WriteHeader(sheet);
            foreach (var entry in report.Entries) PositionMap.WriteRow(sheet, entry);
        });
        if (workingCopyCrossCheck is not null) PlumCrossCheckSheet.Add(workbook, workingCopyCrossCheck);
    }

    /// <summary>"a", "b" or "a, b".</summary>
    public static string CriteriaMet(DesignationAssessment a) =>
        string.Join(", ", new[] { a.GeneralOnCutoffDate ? "a" : null, a.MajorityNoncareer ? "b" : null }.OfType<string>());

    /// <summary>The history oldest first, e.g. "GE 2019-05-01; CR 2023-04-02".</summary>
    public static string HistoryText(IEnumerable<DesignationChange> history) =>
        string.Join("; ", history.OrderBy(d => d.EffectiveDate).Select(d => $"{d.Designation.ToCode()} {d.EffectiveDate:yyyy-MM-dd}"));

    /// <summary>Each finding on its own line: "because (citation)".</summary>
    public static string FindingsText(DesignationAssessment a) => string.Join("\n", (a.Findings ?? []).Select(f => f.OneLine));

    public static string ActionText(ProposedAction action) => action switch
    {
        ProposedAction.NoAction => "No action",
        ProposedAction.RevertToGeneral => "Revert to General",
        ProposedAction.RequestRetention => "Request retention as Career Reserved",
        _ => action.ToString(),
    };
}

/// <summary>The counts on the report's Summary sheet.</summary>
/// <param name="Revert">Identified positions whose decision (or, while undecided, default action) is to revert to General.</param>
/// <param name="DecisionsPending">Positions that need a decision and have none yet.</param>
public sealed record DesignationReportSummary(int Identified, int CriterionA, int CriterionB, int Revert, int RetentionRequests, int DecisionsPending)
{
    public static DesignationReportSummary From(DesignationReport report)
    {
        var e = report.Entries;
        return new(
            e.Count,
            e.Count(x => x.Assessment.GeneralOnCutoffDate),
            e.Count(x => x.Assessment.MajorityNoncareer),
            e.Count(x => (x.Decision?.Action ?? x.Assessment.ProposedAction) == ProposedAction.RevertToGeneral),
            e.Count(x => x.Decision?.Action == ProposedAction.RequestRetention),
            e.Count(x => x.Assessment.NeedsDecision && x.Decision is null));
    }
}
