using Microsoft.DurableTask;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// The career reserved designation review (OPM memo of February 5, 2025): load the inventory → assess every ES position
/// (in slices, all at once) → one decision task per approver for the positions to revert or retain →
/// decisions until all are in or the internal cut-off passes → the OPM report → CHCO sign-off (sent back: the tasks
/// open again with the note) → email to OPM with the report attached, exactly once → done.
/// </summary>
public sealed class DesignationCycleOrchestrator : TaskOrchestrator<CycleInput, CycleOutcome>
{
    public override async Task<CycleOutcome> RunAsync(TaskOrchestrationContext context, CycleInput cycle)
    {
        var run = new CycleRun(context, cycle);
        run.SetStatus(run.Status);
        var outline = await context.CallActivityAsync<InventoryOutline>(ActivityNames.LoadInventory, cycle, Retries.For(cycle.Retry));
        run.Start(outline.Schedule);

        run.SetStatus(run.Status with { Phase = CyclePhase.Assessing, Positions = outline.Positions });
        // Slices across components, all at once: 12,000 positions in slices of 250 are 48 activities whatever the number
        // of components, so no queue grows deep and the cycle's history holds two entries per slice.
        var slices = new List<Task<IReadOnlyList<ComponentAssessment>>>();
        for (int skip = 0; skip < outline.Positions; skip += outline.AssessmentBatchSize)
        {
            slices.Add(context.CallActivityAsync<IReadOnlyList<ComponentAssessment>>(ActivityNames.AssessPositions,
                new AssessBatchInput(cycle.CycleId, cycle.InventoryUploadId, cycle.Agency, skip, outline.AssessmentBatchSize, cycle.AsOf, cycle.NewAgencyHeadAppointedOn),
                Retries.For(cycle.Retry)));
        }
        var assessed = (await run.WhileWatchingAsync(Task.WhenAll(slices))).SelectMany(parts => parts)
            .GroupBy(part => part.Component, StringComparer.Ordinal)
            .Select(g => new ComponentAssessment(g.Key, g.Sum(a => a.Assessed), g.Sum(a => a.Identified), [.. g.SelectMany(a => a.NeedsDecision)]))
            .ToList();
        run.SetStatus(run.Status with
        {
            Phase = CyclePhase.Planning,
            Assessed = assessed.Sum(a => a.Assessed),
            Identified = assessed.Sum(a => a.Identified),
            AwaitingDecision = assessed.Sum(a => a.NeedsDecision.Count),
        });

        var plans = await context.CallActivityAsync<IReadOnlyList<TaskPlan>>(ActivityNames.PlanTasks,
            new PlanTasksInput(cycle, TaskKind.Decision, 1, run.Now, outline.Schedule.CutOffAt,
                assessed.ToDictionary(a => a.Component, a => a.NeedsDecision, StringComparer.Ordinal), null, null), Retries.For(cycle.Retry));
        if (plans.Count == 0) run.SetStatus(run.Status with { Message = "No identified position needs a decision." });

        int rounds = await run.TasksThenSignOffAsync(TaskKind.Decision, plans, CyclePhase.AwaitingDecisions, CyclePhase.BuildingPackage);
        return await run.SubmitAsync(rounds);
    }
}
