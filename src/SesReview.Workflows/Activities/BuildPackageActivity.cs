using System.Security.Cryptography;
using Microsoft.DurableTask;
using SesReview.Domain.AllocationReview;
using SesReview.Domain.Calendar;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Builds the cycle's workbook from what is stored: the OPM designation report (every identified position, each
/// decision, retention justifications; undecided ones as pending) or the allocation adjustment workbook (with the
/// signature block once signed off). Stores it as the cycle's package. Idempotent: a re-run writes the same blob name.
/// </summary>
public sealed class BuildPackageActivity(
    CycleStore store, IInventoryUploads uploads, WorkingCopies workingCopies, AllocationCalculator allocations, BusinessCalendar calendar, TimeProvider time)
    : TaskActivity<BuildPackageInput, PackageRecord>
{
    public override async Task<PackageRecord> RunAsync(TaskActivityContext context, BuildPackageInput input)
    {
        var ct = CancellationToken.None;
        var cycle = input.Cycle;
        var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, ct);
        using var output = new MemoryStream();
        string summary;
        IReadOnlyList<string> warnings;
        string fileName;
        int items;
        if (cycle.Kind == CycleKind.DesignationReview)
        {
            var report = await DesignationReportSource.BuildAsync(store, cycle, inventory, ct);
            // The PLUM cross-check sheet goes to OPM only when the CHCO chose so at the start; otherwise it is in the working copy alone.
            DesignationReportWriter.Write(report, output, cycle.IncludePlumCrossCheck ? await workingCopies.CrossCheckAsync(cycle, ct) : null);
            var s = DesignationReportSummary.From(report);
            summary = $"{s.Identified} positions identified ({s.CriterionA} General on 2021-01-19, {s.CriterionB} noncareer for a majority of 2021-2025); " +
                      $"{s.Revert} to revert to General, {s.RetentionRequests} retention requests, {s.DecisionsPending} decisions pending.";
            warnings = s.DecisionsPending > 0 ? [$"{s.DecisionsPending} identified positions have no decision and are reported as pending."] : [];
            fileName = $"{Slug(cycle.Agency)}-career-reserved-review-{cycle.DueDate:yyyy-MM-dd}.xlsx";
            items = s.Identified;
        }
        else
        {
            var closedAt = await DesignationReportSource.ClosedAtAsync(store, cycle.CycleId, ct);
            var (allProposals, allRedesignations) = await store.ListProposalsAsync(cycle.CycleId, ct);
            var proposals = allProposals.Where(p => !IsLate(closedAt, p.TaskId, p.ProposedAt)).ToList();
            var redesignations = allRedesignations.Where(r => !IsLate(closedAt, r.TaskId, r.ProposedAt)).ToList();
            var byId = inventory.Positions.ToDictionary(p => p.PositionId, StringComparer.Ordinal);
            var result = allocations.Review(inventory, cycle.Agency, cycle.AsOf,
                proposals.Select(p => new AdjustmentProposal(p.Component, p.PayPlan, p.Adjustment, p.Reason, p.Justification)),
                redesignations.Select(r => new RedesignationProposal(r.PositionId, r.Component, byId[r.PositionId].Title,
                    r.To == Designation.CareerReserved ? Designation.General : Designation.CareerReserved, r.To, r.Justification)),
                cycle.DueDate);
            AllocationWorkbookWriter.Write(result, output, input.Final ? await SignatureAsync(cycle, ct) : null);
            warnings = AllocationWorkbookWriter.WarningsOf(result);
            summary = $"{result.Lines.Count} allocation lines; allocated {result.Lines.Sum(l => l.Allocated)}, proposed change {result.Lines.Sum(l => l.ProposedAdjustment):+#;-#;0}, " +
                      $"resulting {result.Lines.Sum(l => l.ResultingAllocation)}; {result.Redesignations.Count} redesignations proposed; {warnings.Count} warnings.";
            fileName = $"{Slug(cycle.Agency)}-executive-allocation-adjustments-{cycle.DueDate:yyyy-MM-dd}.xlsx";
            items = result.Lines.Count;
        }
        byte[] bytes = output.ToArray();
        string sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        var package = new PackageRecord(fileName, $"{cycle.CycleId}/r{input.Round}{(input.Final ? "-final" : "")}/{fileName}", sha, bytes.LongLength,
            time.GetUtcNow(), input.Round, input.Final, summary, warnings, items);
        return await store.SavePackageAsync(cycle.CycleId, package, bytes, ct);
    }

    /// <summary>The signer's name and title and the time of the approving sign-off in the agency's time zone, named.</summary>
    private async Task<SignatureBlock> SignatureAsync(CycleInput cycle, CancellationToken ct)
    {
        var approval = (await store.ListSignOffsAsync(cycle.CycleId, ct)).Where(s => s.Approved).MaxBy(s => s.At);
        var signedAt = approval is null ? null : AgencyTime.Format(approval.At, calendar.TimeZone);
        return new SignatureBlock(approval?.ByName ?? cycle.Signer.Name, cycle.Signer.Title ?? "Agency head",
            approval is null ? null : $"Signed off electronically in the review system by {approval.ByName} ({approval.By})", signedAt);
    }

    private static bool IsLate(Dictionary<string, DateTimeOffset> closedAt, string taskId, DateTimeOffset at) => DesignationReportSource.IsLate(closedAt, taskId, at);

    private static string Slug(string text) =>
        string.Join('-', new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } s ? s : "agency";
}
