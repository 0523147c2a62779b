using Durable;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// Follows one person's task for one round: sends the task, then waits for the task page's signal while durable timers
/// send the reminders and, once the task is overdue, escalate it to the CHCO (repeated as configured). A delegation
/// sends the delegate a new link. Ends when the task's record says it is complete, or when the cycle's cut-off closes it.
/// Every change is reported to the cycle as <see cref="EventNames.TaskProgress"/>.
/// </summary>
public sealed class ApprovalTaskOrchestrator : TaskOrchestrator<TaskPlan, TaskProgress>
{
    public override async Task<TaskProgress> RunAsync(TaskOrchestrationContext context, TaskPlan plan)
    {
        var taskRef = new TaskRef(plan.CycleId, plan.TaskId);
        await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
            new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Initial, 0, 0), Retries.Standard);

        var schedule = plan.Schedule;
        int reminder = 0, escalations = 0, delegationsSeen = 0;
        DateTimeOffset? nextEscalation = schedule.EscalateAt;
        Task<TaskSignal>? signal = null;
        while (true)
        {
            // The next timer: the next reminder, else the next escalation (none after the last one).
            (DateTimeOffset At, bool IsReminder)? next = reminder < schedule.Reminders.Count
                ? (schedule.Reminders[reminder], true)
                : nextEscalation is { } e ? (e, false) : null;
            Report(context, plan, null, next?.At);

            using var timerCancel = new CancellationTokenSource();
            Task? timer = next is { } n ? context.CreateTimer(n.At, timerCancel.Token) : null;
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
                        new CloseTaskInput(plan.CycleId, plan.TaskId, plan.Round, TaskState.ClosedAtCutOff), Retries.Standard);
                    Report(context, plan, closed, null);
                    return closed;
                }
                var progress = await context.CallActivityAsync<TaskProgress>(ActivityNames.GetTaskProgress, taskRef, Retries.Standard);
                if (progress.Delegations > delegationsSeen)
                {
                    delegationsSeen = progress.Delegations;
                    await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
                        new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Delegated, delegationsSeen, 0), Retries.Standard);
                }
                Report(context, plan, progress, next?.At);
                if (progress.Complete) return progress;
            }
            else if (next!.Value.IsReminder)
            {
                reminder++;
                bool reminded = await context.CallActivityAsync<bool>(ActivityNames.SendTaskNotice,
                    new TaskNotice(plan.CycleId, plan.TaskId, plan.Round, NoticePurpose.Reminder, reminder,
                        schedule.ReminderBusinessDaysLeft.Count >= reminder ? schedule.ReminderBusinessDaysLeft[reminder - 1] : 0), Retries.Standard);
                if (!reminded)
                {
                    // Not sent because the task is complete: its signal may have been lost (the host stopped between
                    // recording the decisions and raising the event), so the record decides.
                    var progress = await context.CallActivityAsync<TaskProgress>(ActivityNames.GetTaskProgress, taskRef, Retries.Standard);
                    if (progress.Complete || progress.State != TaskState.Open) { Report(context, plan, progress, null); return progress; }
                }
            }
            else
            {
                escalations++;
                bool escalated = await context.CallActivityAsync<bool>(ActivityNames.Escalate,
                    new EscalationNotice(plan.CycleId, plan.TaskId, plan.Round, escalations), Retries.Standard);
                nextEscalation = escalated && schedule.EscalationRepeat is { } repeat ? next.Value.At + repeat : null;
                var progress = await context.CallActivityAsync<TaskProgress>(ActivityNames.GetTaskProgress, taskRef, Retries.Standard);
                Report(context, plan, progress, nextEscalation);
                if (progress.Complete) return progress;
            }
        }
    }

    private static void Report(TaskOrchestrationContext context, TaskPlan plan, TaskProgress? progress, DateTimeOffset? nextTimer)
    {
        context.SetCustomStatus(new { plan.TaskId, plan.Round, progress?.Done, plan.Items, nextTimer });
        if (progress is not null && context.ParentInstanceId is { } parent)
            context.SendEvent(parent, EventNames.TaskProgress, progress with { NextReminder = nextTimer });
    }
}
