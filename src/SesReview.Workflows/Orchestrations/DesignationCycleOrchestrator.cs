using Microsoft.DurableTask;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// The career reserved designation review (OPM memo of February 5, 2025): load the inventory → assess every ES position
/// (a sub-orchestration per component) → one decision task per approver for the positions to revert or retain →
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
        var assessed = await run.WhileWatchingAsync(Task.WhenAll(outline.Components.Select((c, i) =>
            context.CallSubOrchestratorAsync<ComponentAssessment>(OrchestratorNames.AssessComponent,
                new AssessComponentInput(cycle.CycleId, cycle.InventoryUploadId, cycle.Agency, c.Component, c.Positions, outline.AssessmentBatchSize,
                    cycle.AsOf, cycle.NewAgencyHeadAppointedOn, cycle.Retry),
                new SubOrchestrationOptions(instanceId: $"{cycle.CycleId}:assess:{i:D3}")))));
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
