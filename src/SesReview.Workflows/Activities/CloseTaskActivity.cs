using Microsoft.DurableTask;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>Closes a task that is still open (cut-off passed). Idempotent: a closed or completed task is left as it is.</summary>
public sealed class CloseTaskActivity(CycleStore store, IAuditTrail audit, TimeProvider time) : TaskActivity<CloseTaskInput, TaskProgress>
{
    public override async Task<TaskProgress> RunAsync(TaskActivityContext context, CloseTaskInput input)
    {
        var ct = CancellationToken.None;
        var task = await store.UpdateTaskAsync(input.CycleId, input.TaskId,
            t => t.State == TaskState.Open && t.Round == input.Round ? t with { State = input.State, CompletedAt = time.GetUtcNow() } : null, ct)
            ?? throw new InvalidOperationException($"Task '{input.TaskId}' does not exist.");
        var progress = await TaskProgressReader.ReadAsync(store, task, ct);
        await audit.AppendAsync(new AuditEntry(input.CycleId, time.GetUtcNow(), AuditKinds.CutOff, "system", "system", null,
            $"Task {task.TaskId} of {task.Approver.Email} closed at the cut-off with {progress.Items - progress.Done} of {progress.Items} undecided"),
            $"close:{input.TaskId}:r{input.Round}", ct);
        return progress;
    }
}
