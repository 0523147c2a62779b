using Microsoft.DurableTask;
using SesReview.Domain.Calendar;
using SesReview.Notifications;
using SesReview.Notifications.Templates;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Sends a task's first message, a reminder, or the message to a delegate, each with a fresh signed link. Exactly once
/// per message key (<c>task/{task}/r{round}/initial</c>, <c>…/reminder/{n}</c>, <c>…/delegated/{n}</c>) through
/// the notification ledger, so a re-run sends nothing new; the audit entry is de-duplicated by the same key. A reminder
/// for a task that is already complete is not sent, and nothing is sent once the cycle is cancelled or has ended.
/// </summary>
public sealed class SendTaskNoticeActivity(
    CycleStore store, INotificationSender sender, TaskLinks links, SchedulePlanner planner, BusinessCalendar calendar, IAuditTrail audit,
    CycleLiveness liveness, TimeProvider time)
    : TaskActivity<TaskNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaskNotice notice)
    {
        var ct = CancellationToken.None;
        var cycle = await store.RequireCycleAsync(notice.CycleId, ct);
        var task = await store.RequireTaskAsync(notice.CycleId, notice.TaskId, ct);
        var progress = await TaskProgressReader.ReadAsync(store, task, ct);
        if (notice.Purpose == NoticePurpose.Reminder && (progress.Complete || task.State != TaskState.Open)) return false;
        if (!await liveness.IsLiveAsync(cycle.CycleId, ct)) return false;

        string link = links.ForTask(cycle.CycleId, task.TaskId, task.Approver);
        var due = planner.LocalDate(task.DueAt);
        string key = notice.Purpose switch
        {
            NoticePurpose.Initial => $"task/{task.TaskId}/r{notice.Round}/initial",
            NoticePurpose.Reminder => $"task/{task.TaskId}/r{notice.Round}/reminder/{notice.Sequence}",
            _ => $"task/{task.TaskId}/r{notice.Round}/delegated/{notice.Sequence}",
        };
        NotificationMessage message;
        string auditKind;
        if (notice.Purpose == NoticePurpose.Reminder)
        {
            message = NotificationBuilder.To(task.Approver, cycle.CycleId, key, NotificationKind.Reminder,
                NotificationTemplates.Reminder(new ReminderModel(cycle.Agency, cycle.Title, task.Approver.Name, progress.Items - progress.Done, notice.BusinessDaysLeft, due, link, ItemsOf(task))),
                link, "Open your task");
            auditKind = AuditKinds.Reminder;
        }
        else if (task.Kind == TaskKind.SignOff)
        {
            var package = await store.GetPackageAsync(cycle.CycleId, ct);
            message = NotificationBuilder.To(task.Approver, cycle.CycleId, key, NotificationKind.SignOffRequest,
                NotificationTemplates.SignOffRequest(new SignOffRequestModel(cycle.Agency, cycle.Title, task.Approver.Name,
                    package?.Items ?? 0, package?.Summary ?? "", new AgencyInstant(cycle.DueAt, calendar.TimeZone), link)),
                link, "Review and sign off");
            auditKind = AuditKinds.SignOffRequested;
        }
        else
        {
            message = NotificationBuilder.To(task.Approver, cycle.CycleId, key, NotificationKind.TaskAssigned,
                NotificationTemplates.ApprovalTask(new ApprovalTaskModel(cycle.Agency, cycle.Title, task.Approver.Name, progress.Items, due, link, ItemsOf(task))),
                link, "Open your task");
            auditKind = AuditKinds.TaskSent;
        }

        var receipt = await sender.SendAsync(message, ct);
        await audit.AppendAsync(new AuditEntry(cycle.CycleId, time.GetUtcNow(), auditKind, "system", task.Approver.TeamsUserId is null ? "email" : "email+teams", null,
            $"{message.Subject} → {task.Approver.Email} (task {task.TaskId}, round {notice.Round}, message {receipt.ProviderMessageId})"),
            $"notice:{key}", ct);
        return true;
    }

    private static TaskItems ItemsOf(ApprovalTask task) => task.Kind == TaskKind.Proposal ? TaskItems.Components : TaskItems.Positions;
}
