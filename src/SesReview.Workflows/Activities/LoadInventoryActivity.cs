using Microsoft.DurableTask;
using SesReview.Domain.Model;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Reads the cycle's inventory upload and returns its components with position counts (designation review: ES
/// positions; allocation review: every component with positions or allocations), plus the cycle's schedule. Reads only.
/// </summary>
public sealed class LoadInventoryActivity(IInventoryUploads uploads, SchedulePlanner planner, WorkflowOptions options)
    : TaskActivity<CycleInput, InventoryOutline>
{
    public override async Task<InventoryOutline> RunAsync(TaskActivityContext context, CycleInput cycle)
    {
        var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, CancellationToken.None);
        var mine = inventory.Positions.Where(p => string.Equals(p.Agency, cycle.Agency, StringComparison.Ordinal)).ToList();
        var components = cycle.Kind == CycleKind.DesignationReview
            ? mine.Where(p => p.PayPlan == PayPlan.ES).GroupBy(p => p.Component, StringComparer.Ordinal)
                .Select(g => new ComponentOutline(g.Key, g.Count()))
            : mine.Select(p => p.Component).Concat(inventory.Allocations.Select(a => a.Component))
                .Distinct(StringComparer.Ordinal)
                .Select(c => new ComponentOutline(c, mine.Count(p => p.Component == c)));
        var list = components.OrderBy(c => c.Component, StringComparer.Ordinal).ToList();
        return new InventoryOutline(list.Sum(c => c.Positions), list, planner.PlanCycle(cycle.StartedAt, cycle.DueAt), options.AssessmentBatchSize);
    }
}
