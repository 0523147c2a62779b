using Microsoft.DurableTask;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// Follows one person's task for one round: sends the task, then waits for the task page's signal while durable timers
/// send the reminders and, once the task is overdue, escalate it to the CHCO (repeated as planned). A delegation sends
/// the delegate a new link. Ends when the task's record says it is complete, or when the cycle's cut-off closes it.
/// The record is the source of truth: after every timer the task re-reads it, so a signal lost between the page's
/// write and its event costs at most the time to the next timer. Every change is reported to the cycle as
/// <see cref="EventNames.TaskProgress"/>.
/// </summary>
public sealed class ApprovalTaskOrchestrator : TaskOrchestrator<TaskPlan, TaskProgress>
{
    private sealed record Timer(DateTimeOffset At, bool IsReminder, int Sequence, int BusinessDaysLeft);

    public override async Task<TaskProgress> RunAsync(TaskOrchestrationContext context, TaskPlan plan)
    {
        var taskRef = new TaskRef(plan.CycleId, plan.TaskId);
        await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
            new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Initial, 0, 0), Retries.For(plan.Retry));

        var schedule = plan.Schedule;
        var timers = schedule.Reminders.Select((at, i) => new Timer(at, true, i + 1, schedule.ReminderBusinessDaysLeft.ElementAtOrDefault(i)))
            .Concat(schedule.Escalations.Select((at, i) => new Timer(at, false, i + 1, 0)))
            .OrderBy(t => t.At).ToList();
        int nextTimer = 0, delegationsSeen = plan.DelegationsAtStart;
        Task<TaskSignal>? signal = null;
        while (true)
        {
            var next = nextTimer < timers.Count ? timers[nextTimer] : null;
            context.SetCustomStatus(new { plan.TaskId, plan.Round, plan.Items, nextTimer = next?.At });

            using var timerCancel = new CancellationTokenSource();
            Task? timer = next is null ? null : context.CreateTimer(next.At.UtcDateTime, timerCancel.Token);
            signal ??= context.WaitForExternalEvent<TaskSignal>(EventNames.TaskChanged);
            var winner = timer is null ? await Task.WhenAny(signal) : await Task.WhenAny(signal, timer);

            if (winner == signal)
            {
                timerCancel.Cancel();
                var received = await signal;
                signal = null;
                if (received.CutOff)
                {
                    var closed = await context.CallActivityAsync<TaskProgress>(ActivityNames.CloseTask,
                        new CloseTaskInput(plan.CycleId, plan.TaskId, plan.Round, TaskState.ClosedAtCutOff), Retries.For(plan.Retry));
                    Report(context, closed, null);
                    return closed;
                }
            }
            else
            {
                nextTimer++;
                if (next!.IsReminder)
                    await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
                        new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Reminder, next.Sequence, next.BusinessDaysLeft), Retries.For(plan.Retry));
                else
                    await context.CallActivityAsync<bool>(ActivityNames.Escalate,
                        new EscalationNotice(plan.CycleId, plan.TaskId, plan.Round, next.Sequence), Retries.For(plan.Retry));
            }

            var progress = await context.CallActivityAsync<TaskProgress>(ActivityNames.GetTaskProgress, taskRef, Retries.For(plan.Retry));
            if (progress.Delegations > delegationsSeen)
            {
                delegationsSeen = progress.Delegations;
                await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
                    new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Delegated, delegationsSeen, 0), Retries.For(plan.Retry));
            }
            var upcoming = nextTimer < timers.Count ? timers[nextTimer].At : (DateTimeOffset?)null;
            Report(context, progress, upcoming);
            if (progress.Complete || progress.State != TaskState.Open) return progress;
        }
    }

    private static void Report(TaskOrchestrationContext context, TaskProgress progress, DateTimeOffset? nextTimer)
    {
        if (context.Parent?.InstanceId is { } parent)
            context.SendEvent(parent, EventNames.TaskProgress, progress with { NextReminder = nextTimer });
    }
}
