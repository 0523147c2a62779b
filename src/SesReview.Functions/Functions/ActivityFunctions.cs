using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SesReview.Functions.Durable;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Functions.Functions;

/// <summary>
/// One activity trigger per activity of <c>RegisterWorkflows</c>, running the Workflows class resolved from DI. Each takes
/// the <c>[DurableClient]</c> binding because activities reach the durable client through DI (<c>CycleLiveness</c> asks
/// whether the cycle still runs): see <see cref="InvocationDurableTaskClient"/>.
/// </summary>
public sealed class ActivityFunctions
{
    [Function(ActivityNames.LoadInventory)]
    public Task<InventoryOutline> LoadInventory([ActivityTrigger] CycleInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<LoadInventoryActivity, CycleInput, InventoryOutline>(function, input, client);

    [Function(ActivityNames.AssessPositions)]
    public Task<IReadOnlyList<ComponentAssessment>> AssessPositions([ActivityTrigger] AssessBatchInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<AssessPositionsActivity, AssessBatchInput, IReadOnlyList<ComponentAssessment>>(function, input, client);

    [Function(ActivityNames.PlanTasks)]
    public Task<IReadOnlyList<TaskPlan>> PlanTasks([ActivityTrigger] PlanTasksInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<PlanTasksActivity, PlanTasksInput, IReadOnlyList<TaskPlan>>(function, input, client);

    [Function(ActivityNames.SendTaskNotice)]
    public Task<bool> SendTaskNotice([ActivityTrigger] TaskNotice input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<SendTaskNoticeActivity, TaskNotice, bool>(function, input, client);

    [Function(ActivityNames.GetTaskProgress)]
    public Task<TaskProgress> GetTaskProgress([ActivityTrigger] TaskRef input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<GetTaskProgressActivity, TaskRef, TaskProgress>(function, input, client);

    [Function(ActivityNames.Escalate)]
    public Task<bool> Escalate([ActivityTrigger] EscalationNotice input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<EscalateActivity, EscalationNotice, bool>(function, input, client);

    [Function(ActivityNames.CloseTask)]
    public Task<TaskProgress> CloseTask([ActivityTrigger] CloseTaskInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<CloseTaskActivity, CloseTaskInput, TaskProgress>(function, input, client);

    [Function(ActivityNames.BuildPackage)]
    public Task<PackageRecord> BuildPackage([ActivityTrigger] BuildPackageInput input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<BuildPackageActivity, BuildPackageInput, PackageRecord>(function, input, client);

    [Function(ActivityNames.WarnDeadlineAtRisk)]
    public Task<bool> WarnDeadlineAtRisk([ActivityTrigger] CycleRef input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<WarnDeadlineAtRiskActivity, CycleRef, bool>(function, input, client);

    [Function(ActivityNames.ForecastDeadline)]
    public Task<SesReview.Workflows.Forecasting.ForecastCheck> ForecastDeadline([ActivityTrigger] CycleRef input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<SesReview.Workflows.Forecasting.ForecastDeadlineActivity, CycleRef, SesReview.Workflows.Forecasting.ForecastCheck>(function, input, client);

    [Function(ActivityNames.SubmitToOpm)]
    public Task<SubmissionRecord> SubmitToOpm([ActivityTrigger] CycleRef input, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityInvocation.RunAsync<SubmitToOpmActivity, CycleRef, SubmissionRecord>(function, input, client);
}
