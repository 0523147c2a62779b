using Microsoft.DurableTask;
using SesReview.Notifications;
using SesReview.Notifications.Templates;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Marks an overdue task and tells the CHCO (message key <c>task/{task}/r{round}/escalation/{n}</c>, exactly once).
/// Nothing is sent when the task is no longer open or the cycle has ended, nor for the CHCO's own sign-off. Returns
/// whether the CHCO was told.
/// </summary>
public sealed class EscalateActivity(
    CycleStore store, INotificationSender sender, TaskLinks links, SchedulePlanner planner, IAuditTrail audit, CycleLiveness liveness, TimeProvider time)
    : TaskActivity<EscalationNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EscalationNotice notice)
    {
        var ct = CancellationToken.None;
        var cycle = await store.RequireCycleAsync(notice.CycleId, ct);
        var task = await store.RequireTaskAsync(notice.CycleId, notice.TaskId, ct);
        var progress = await TaskProgressReader.ReadAsync(store, task, ct);
        if (progress.Complete || task.State != TaskState.Open || !await liveness.IsLiveAsync(cycle.CycleId, ct)) return false;

        task = await store.UpdateTaskAsync(cycle.CycleId, task.TaskId, t => t.OverdueSince is null ? t with { OverdueSince = t.DueAt } : null, ct) ?? task;
        // The CHCO signing the package off is not told about their own overdue sign-off; the reminders went to them.
        if (task.Kind == TaskKind.SignOff && task.Approver.IsSameAs(cycle.Chco.Email)) return false;
        string key = $"task/{task.TaskId}/r{notice.Round}/escalation/{notice.Sequence}";
        var message = NotificationBuilder.To(cycle.Chco, cycle.CycleId, key, NotificationKind.Escalation,
            NotificationTemplates.Escalation(new EscalationModel(cycle.Agency, cycle.Title, cycle.Chco.Name, task.Approver.Name, task.Approver.Email,
                planner.LocalDate(task.DueAt), progress.Items - progress.Done, links.ForCycle(cycle.CycleId))),
            links.ForCycle(cycle.CycleId), "Open the cycle");
        var receipt = await sender.SendAsync(message, ct);
        await audit.AppendAsync(new AuditEntry(cycle.CycleId, time.GetUtcNow(), AuditKinds.Escalation, "system", "email", null,
            $"Task {task.TaskId} of {task.Approver.Email} overdue since {task.DueAt:u}; CHCO {cycle.Chco.Email} told (message {receipt.ProviderMessageId})"),
            $"notice:{key}", ct);
        return true;
    }
}
