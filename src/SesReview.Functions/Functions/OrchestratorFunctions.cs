using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Functions.Functions;

/// <summary>
/// One orchestration trigger per orchestrator of <c>RegisterWorkflows</c>, running the Workflows class itself. A new
/// orchestrator object per replay, as the SDK's registry creates one per execution.
/// </summary>
public sealed class OrchestratorFunctions
{
    [Function(OrchestratorNames.DesignationCycle)]
    public Task<CycleOutcome> DesignationCycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DesignationCycleOrchestrator().RunAsync(context, context.GetInput<CycleInput>()!);

    [Function(OrchestratorNames.AllocationCycle)]
    public Task<CycleOutcome> AllocationCycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AllocationCycleOrchestrator().RunAsync(context, context.GetInput<CycleInput>()!);

    [Function(OrchestratorNames.ApprovalTask)]
    public Task<TaskProgress> ApprovalTask([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ApprovalTaskOrchestrator().RunAsync(context, context.GetInput<TaskPlan>()!);
}
