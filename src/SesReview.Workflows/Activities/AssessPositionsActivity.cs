using Microsoft.DurableTask;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Assesses one slice (ordered by position id) of a component's ES positions against the February 5, 2025 memo and
/// stores the assessments. Idempotent: a re-run overwrites the same rows with the same values.
/// </summary>
public sealed class AssessPositionsActivity(IInventoryUploads uploads, DesignationAssessor assessor, CycleStore store)
    : TaskActivity<AssessBatchInput, ComponentAssessment>
{
    public override async Task<ComponentAssessment> RunAsync(TaskActivityContext context, AssessBatchInput input)
    {
        var inventory = await uploads.RequireAsync(input.UploadId, CancellationToken.None);
        var slice = inventory.Positions
            .Where(p => p.PayPlan == PayPlan.ES && p.Agency == input.Agency && p.Component == input.Component)
            .OrderBy(p => p.PositionId, StringComparer.Ordinal)
            .Skip(input.Skip).Take(input.Take).ToList();
        var assessed = slice.Select(p => new AssessedPosition(
            p.PositionId, p.Component, p.Title, p.PayPlan.ToString(),
            assessor.Assess(p, inventory.DesignationHistoryOf(p.PositionId), inventory.IncumbenciesOf(p.PositionId), input.AsOf, input.NewAgencyHeadAppointedOn)))
            .ToList();
        await store.SavePositionsAsync(input.CycleId, assessed, CancellationToken.None);
        return new ComponentAssessment(
            input.Component, assessed.Count, assessed.Count(a => a.Assessment!.Identified),
            [.. assessed.Where(a => a.Assessment!.NeedsDecision).Select(a => a.PositionId)]);
    }
}
