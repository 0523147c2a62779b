using SesReview.Domain.AllocationReview;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Xlsx;
using static SesReview.Workbooks.Layouts.AllocationWorkbookLayout;

namespace SesReview.Workbooks.Export;

/// <summary>
/// Who signed the allocation workbook and when; empty fields leave a line to write on. <paramref name="Signature"/>
/// says how it was signed (e.g. electronically in the review system); <paramref name="SignedAt"/> is the decision time
/// as the agency reads it, with its time zone named (the caller formats it).
/// </summary>
public sealed record SignatureBlock(string? AgencyHeadName = null, string? AgencyHeadTitle = null, string? Signature = null, string? SignedAt = null);

/// <summary>
/// Writes the "Executive Allocations - Agency Adjustment" workbook (memo of November 24, 2025) from an
/// <see cref="AllocationReviewResult"/>: one summary sheet per pay plan (ES, SL, ST) with a totals row, a
/// Redesignations sheet and a Signature sheet listing every warning. Layout: <see cref="AllocationWorkbookLayout"/>.
/// Totals are written as values (not formulas), so every reader sees the same numbers.
/// </summary>
public static class AllocationWorkbookWriter
{
    private static readonly ColumnMap<AllocationLine> LineMap = BuildLineMap();

    private static readonly ColumnMap<RedesignationProposal> RedesignationMap = new(Redesignations, new Dictionary<ColumnSpec, Func<RedesignationProposal, XCell>>
    {
        [RedesignationColumns.PositionId] = r => r.PositionId,
        [RedesignationColumns.Component] = r => r.Component,
        [RedesignationColumns.Title] = r => r.Title,
        [RedesignationColumns.From] = r => r.From.ToCode(),
        [RedesignationColumns.To] = r => r.To.ToCode(),
        [RedesignationColumns.Justification] = r => r.Justification,
    });

    private static ColumnMap<AllocationLine> BuildLineMap() => new(Summary(PayPlan.ES), new Dictionary<ColumnSpec, Func<AllocationLine, XCell>>
    {
        [SummaryColumns.Component] = l => l.Component,
        [SummaryColumns.Allocated] = l => l.Allocated,
        [SummaryColumns.Filled] = l => l.Filled,
        [SummaryColumns.Vacant] = l => l.Vacant,
        [SummaryColumns.VacancyRate] = l => XCell.Of(l.VacancyRate),
        [SummaryColumns.ProposedAdjustment] = l => l.ProposedAdjustment,
        [SummaryColumns.ResultingAllocation] = l => l.ResultingAllocation,
        [SummaryColumns.Reason] = l => l.Reason,
        [SummaryColumns.Justification] = l => l.Justification,
        [SummaryColumns.Warnings] = l => string.Join("\n", l.Warnings),
    });

    public static void Write(AllocationReviewResult result, Stream output, SignatureBlock? signature = null)
    {
        using var workbook = new XlsxWorkbookWriter(output);
        foreach (var plan in Enum.GetValues<PayPlan>())
        {
            var lines = result.Lines.Where(l => l.PayPlan == plan).ToList();
            workbook.AddSheet(SummarySheetName(plan), LineMap.Setup(frozenColumns: 1), sheet =>
            {
                LineMap.WriteHeader(sheet);
                foreach (var line in lines) LineMap.WriteRow(sheet, line);
                WriteTotals(sheet, lines);
            });
        }

        workbook.AddSheet(RedesignationsSheetName, RedesignationMap.Setup(), sheet =>
        {
            RedesignationMap.WriteHeader(sheet);
            foreach (var r in result.Redesignations) RedesignationMap.WriteRow(sheet, r);
        });

        workbook.AddSheet(SignatureSheetName, new SheetSetup([SignatureLabels.LabelWidth, SignatureLabels.ValueWidth], FrozenRows: 0),
            sheet => WriteSignature(sheet, result, signature ?? new SignatureBlock()));
    }

    /// <summary>The totals row: sums of the counts and the vacancy rate of the sums.</summary>
    private static void WriteTotals(SheetWriter sheet, IReadOnlyList<AllocationLine> lines)
    {
        var allocated = lines.Sum(l => l.Allocated);
        var vacant = lines.Sum(l => l.Vacant);
        var totals = new Dictionary<ColumnSpec, XCell>
        {
            [SummaryColumns.Component] = TotalsLabel,
            [SummaryColumns.Allocated] = allocated,
            [SummaryColumns.Filled] = lines.Sum(l => l.Filled),
            [SummaryColumns.Vacant] = vacant,
            [SummaryColumns.VacancyRate] = XCell.Of(allocated == 0 ? 0m : (decimal)vacant / allocated),
            [SummaryColumns.ProposedAdjustment] = lines.Sum(l => l.ProposedAdjustment),
            [SummaryColumns.ResultingAllocation] = lines.Sum(l => l.ResultingAllocation),
        };
        sheet.StartRow();
        foreach (var column in LineMap.Sheet.Columns)
        {
            sheet.Cell(totals.GetValueOrDefault(column), column.Kind == CellKind.Percent ? XStyle.BoldPercent : XStyle.Bold);
        }
        sheet.EndRow();
    }

    private static void WriteSignature(SheetWriter sheet, AllocationReviewResult result, SignatureBlock signature)
    {
        sheet.StartRow().Cell(SignatureLabels.Heading, XStyle.Title);
        sheet.SkipRows(1);
        sheet.StartRow().Cell(SignatureLabels.Agency, XStyle.Bold).Cell(result.Agency);
        sheet.StartRow().Cell(SignatureLabels.DueDate, XStyle.Bold).Cell(result.DueDate);
        sheet.SkipRows(1);
        sheet.StartRow().Cell(SignatureLabels.Certification, XStyle.Wrap);
        foreach (var (label, value) in new[]
        {
            (SignatureLabels.AgencyHeadName, signature.AgencyHeadName),
            (SignatureLabels.AgencyHeadTitle, signature.AgencyHeadTitle),
            (SignatureLabels.Signature, signature.Signature),
            (SignatureLabels.Date, signature.SignedAt),
        })
        {
            sheet.SkipRows(1);
            sheet.StartRow().Cell(label, XStyle.Bold).Cell(value, XStyle.SignatureLine);
        }

        sheet.SkipRows(1);
        sheet.StartRow().Cell(SignatureLabels.Warnings, XStyle.Bold);
        var warnings = WarningsOf(result);
        if (warnings.Count == 0) sheet.StartRow().Cell(SignatureLabels.NoWarnings);
        foreach (var w in warnings) sheet.StartRow().Skip().Cell(w, XStyle.Wrap);
    }

    /// <summary>Agency warnings first, then each line's, prefixed with pay plan and component.</summary>
    public static IReadOnlyList<string> WarningsOf(AllocationReviewResult result) =>
    [
        .. result.AgencyWarnings,
        .. result.Lines.SelectMany(l => l.Warnings.Select(w => $"{l.PayPlan.ToCode()}, {l.Component}: {w}")),
    ];
}
