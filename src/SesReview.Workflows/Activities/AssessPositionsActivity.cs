using Microsoft.DurableTask;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Assesses one slice of the agency's ES positions (ordered by component, then position id) against the February 5, 2025
/// memo, stores the assessments, and reports them per component of the slice. Idempotent: a re-run overwrites the same
/// rows with the same values.
/// </summary>
public sealed class AssessPositionsActivity(IInventoryUploads uploads, DesignationAssessor assessor, CycleStore store)
    : TaskActivity<AssessBatchInput, IReadOnlyList<ComponentAssessment>>
{
    public override async Task<IReadOnlyList<ComponentAssessment>> RunAsync(TaskActivityContext context, AssessBatchInput input)
    {
        var inventory = await uploads.RequireAsync(input.UploadId, CancellationToken.None);
        var slice = inventory.Positions
            .Where(p => p.PayPlan == PayPlan.ES && p.Agency == input.Agency)
            .OrderBy(p => p.Component, StringComparer.Ordinal).ThenBy(p => p.PositionId, StringComparer.Ordinal)
            .Skip(input.Skip).Take(input.Take).ToList();
        var assessed = slice.Select(p => new AssessedPosition(
            p.PositionId, p.Component, p.Title, p.PayPlan.ToString(),
            assessor.Assess(p, inventory.DesignationHistoryOf(p.PositionId), inventory.IncumbenciesOf(p.PositionId), input.AsOf, input.NewAgencyHeadAppointedOn)))
            .ToList();
        await store.SavePositionsAsync(input.CycleId, assessed, CancellationToken.None);
        return [.. assessed.GroupBy(a => a.Component, StringComparer.Ordinal).Select(g => new ComponentAssessment(
            g.Key, g.Count(), g.Count(a => a.Assessment!.Identified), [.. g.Where(a => a.Assessment!.NeedsDecision).Select(a => a.PositionId)]))];
    }
}
