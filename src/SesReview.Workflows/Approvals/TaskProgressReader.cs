using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Approvals;

/// <summary>How far a task is, from its record and the decisions, proposals or sign-offs recorded in its round.</summary>
internal static class TaskProgressReader
{
    public static async Task<TaskProgress> ReadAsync(CycleStore store, ApprovalTask task, CancellationToken ct)
    {
        int items, done;
        bool? approved = null;
        string? note = null;
        switch (task.Kind)
        {
            case TaskKind.Decision:
                var decided = (await store.ListDecisionsAsync(task.CycleId, ct))
                    .Where(d => d.Round >= task.Round).Select(d => d.PositionId).ToHashSet(StringComparer.Ordinal);
                items = task.PositionIds.Count;
                done = task.PositionIds.Count(decided.Contains);
                break;
            case TaskKind.SignOff:
                var answer = (await store.ListSignOffsAsync(task.CycleId, ct)).FirstOrDefault(s => s.Round == task.Round);
                items = 1;
                done = answer is null ? 0 : 1;
                approved = answer?.Approved;
                note = answer?.Note;
                break;
            default:
                // A component head submits all their lines at once (every line gets a record, "no change" included).
                items = task.Components.Count;
                var (proposals, _) = await store.ListProposalsAsync(task.CycleId, ct);
                done = task.State == TaskState.Completed || proposals.Any(p => p.TaskId == task.TaskId && p.Round == task.Round) ? items : 0;
                break;
        }
        bool complete = task.State == TaskState.Completed || (items > 0 && done >= items) || items == 0;
        return new TaskProgress(task.TaskId, task.Round, task.State, items, done, complete, task.OverdueSince is not null && !complete, task.Delegations.Count, null, approved, note);
    }
}
