using Microsoft.DurableTask;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Creates the tasks of a round: one per approver (their components' positions or allocations; components without an
/// approver go to the CHCO), or the signer's sign-off task. In a later round (package sent back) it re-opens the existing
/// tasks with the signer's note. Idempotent: task ids are derived from the approver order and round, existing rows are
/// kept, and a task already in the round is not changed again.
/// </summary>
public sealed class PlanTasksActivity(CycleStore store, SchedulePlanner planner) : TaskActivity<PlanTasksInput, IReadOnlyList<TaskPlan>>
{
    public override async Task<IReadOnlyList<TaskPlan>> RunAsync(TaskActivityContext context, PlanTasksInput input)
    {
        var ct = CancellationToken.None;
        var cycle = input.Cycle;
        var schedule = planner.PlanTask(input.Now, input.CutOffAt, closesAtCutOff: input.Kind != TaskKind.SignOff && input.CutOffAt != DateTimeOffset.MaxValue);

        if (input.Kind == TaskKind.SignOff)
        {
            var signOff = NewTask(cycle, $"signoff-r{input.Round}", TaskKind.SignOff, input.Round, cycle.Signer, [], [], schedule, input.Now);
            await store.TryAddTaskAsync(signOff, ct);
            var stored = await store.GetTaskAsync(cycle.CycleId, signOff.TaskId, ct) ?? signOff;
            return [new TaskPlan(cycle.CycleId, signOff.TaskId, TaskKind.SignOff, input.Round, 1, schedule, stored.Delegations.Count, cycle.Retry)];
        }

        if (input.Round > 1)
        {
            var plans = new List<TaskPlan>();
            foreach (var task in (await store.ListTasksAsync(cycle.CycleId, ct)).Where(t => t.Kind == input.Kind).OrderBy(t => t.TaskId, StringComparer.Ordinal))
            {
                var reopened = await store.UpdateTaskAsync(cycle.CycleId, task.TaskId, t => t.Round >= input.Round ? null : t with
                {
                    Round = input.Round, State = TaskState.Open, CompletedAt = null, OverdueSince = null, DueAt = schedule.DueAt, SendBackNote = input.SendBackNote,
                }, ct);
                plans.Add(new TaskPlan(cycle.CycleId, task.TaskId, input.Kind, input.Round, Items(reopened!), schedule, reopened!.Delegations.Count, cycle.Retry));
            }
            return plans;
        }

        var byComponent = cycle.Approvers.GroupBy(a => a.Component, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Approver, StringComparer.Ordinal);
        var components = input.Kind == TaskKind.Decision
            ? input.PositionsByComponent!.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key)
            : input.Components!;
        var groups = components
            .GroupBy(c => byComponent.GetValueOrDefault(c) ?? cycle.Chco, PersonByEmail.Instance)
            .OrderBy(g => g.Key.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var result = new List<TaskPlan>();
        string prefix = input.Kind == TaskKind.Decision ? "decision" : "proposal";
        for (int i = 0; i < groups.Count; i++)
        {
            var owned = groups[i].OrderBy(c => c, StringComparer.Ordinal).ToList();
            IReadOnlyList<string> positions = input.Kind == TaskKind.Decision
                ? [.. owned.SelectMany(c => input.PositionsByComponent![c]).Order(StringComparer.Ordinal)]
                : [];
            var task = NewTask(cycle, $"{prefix}-{i + 1:D2}", input.Kind, 1, groups[i].Key, owned, positions, schedule, input.Now);
            await store.TryAddTaskAsync(task, ct);
            result.Add(new TaskPlan(cycle.CycleId, task.TaskId, input.Kind, 1, Items(task), schedule, Retry: cycle.Retry));
        }
        return result;
    }

    private static int Items(ApprovalTask task) => task.Kind switch
    {
        TaskKind.Decision => task.PositionIds.Count,
        TaskKind.Proposal => task.Components.Count,
        _ => 1,
    };

    private static ApprovalTask NewTask(
        CycleInput cycle, string taskId, TaskKind kind, int round, Person approver, IReadOnlyList<string> components,
        IReadOnlyList<string> positions, TaskSchedule schedule, DateTimeOffset now) => new()
        {
            CycleId = cycle.CycleId,
            TaskId = taskId,
            Kind = kind,
            Round = round,
            Approver = approver,
            Components = components,
            PositionIds = positions,
            DueAt = schedule.DueAt,
            CreatedAt = now,
        };

    private sealed class PersonByEmail : IEqualityComparer<Person>
    {
        public static readonly PersonByEmail Instance = new();
        public bool Equals(Person? x, Person? y) => string.Equals(x?.Email, y?.Email, StringComparison.OrdinalIgnoreCase);
        public int GetHashCode(Person obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Email);
    }
}
