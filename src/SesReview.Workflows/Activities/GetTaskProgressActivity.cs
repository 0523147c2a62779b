using Microsoft.DurableTask;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Reads a task's record (the source of truth: the task page writes decisions there before it wakes the orchestration)
/// and says how far it is. Reads only.
/// </summary>
public sealed class GetTaskProgressActivity(CycleStore store) : TaskActivity<TaskRef, TaskProgress>
{
    public override async Task<TaskProgress> RunAsync(TaskActivityContext context, TaskRef input)
    {
        var task = await store.RequireTaskAsync(input.CycleId, input.TaskId, CancellationToken.None);
        return await TaskProgressReader.ReadAsync(store, task, CancellationToken.None);
    }
}
