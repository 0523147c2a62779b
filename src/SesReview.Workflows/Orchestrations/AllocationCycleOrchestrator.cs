using Microsoft.DurableTask;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// The executive allocation review (OPM memo of November 24, 2025): load the inventory → one proposal task per
/// component head, whose page shows each component's allocation summary (allocated, filled, vacant, vacancy rate) →
/// proposals until all are in or the cut-off passes → consolidate and check the limits (the draft workbook with its
/// warnings) → agency head sign-off (sent back: the proposal tasks open again) → the final workbook with the signature
/// block → email to OPM, exactly once, by the deadline's close of business (a later submission is marked late).
/// </summary>
public sealed class AllocationCycleOrchestrator : TaskOrchestrator<CycleInput, CycleOutcome>
{
    public override async Task<CycleOutcome> RunAsync(TaskOrchestrationContext context, CycleInput cycle)
    {
        var run = new CycleRun(context, cycle);
        run.SetStatus(run.Status);
        var outline = await context.CallActivityAsync<InventoryOutline>(ActivityNames.LoadInventory, cycle, Retries.For(cycle.Retry));
        run.Start(outline.Schedule);
        run.SetStatus(run.Status with { Phase = CyclePhase.Planning, Positions = outline.Positions, Assessed = outline.Positions });

        var plans = await context.CallActivityAsync<IReadOnlyList<TaskPlan>>(ActivityNames.PlanTasks,
            new PlanTasksInput(cycle, TaskKind.Proposal, 1, run.Now, outline.Schedule.CutOffAt, null,
                [.. outline.Components.Select(c => c.Component)], null), Retries.For(cycle.Retry));

        int rounds = await run.TasksThenSignOffAsync(TaskKind.Proposal, plans, CyclePhase.AwaitingProposals, CyclePhase.Consolidating);

        run.SetStatus(run.Status with { Phase = CyclePhase.BuildingPackage });
        await context.CallActivityAsync<PackageRecord>(ActivityNames.BuildPackage, new BuildPackageInput(cycle, rounds, Final: true), Retries.For(cycle.Retry));
        return await run.SubmitAsync(rounds);
    }
}
