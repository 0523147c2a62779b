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

/// <summary>Warns the CHCO that OPM's deadline is near and the package is not submitted (message key <c>deadline-warning</c>, once per cycle).</summary>
public sealed class WarnDeadlineAtRiskActivity(
    CycleStore store, INotificationSender sender, TaskLinks links, SchedulePlanner planner, BusinessCalendar calendar, IAuditTrail audit,
    CycleLiveness liveness, TimeProvider time)
    : TaskActivity<CycleRef, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CycleRef input)
    {
        var ct = CancellationToken.None;
        var cycle = await store.RequireCycleAsync(input.CycleId, ct);
        if (await store.GetSubmissionAsync(cycle.CycleId, ct) is not null || !await liveness.IsLiveAsync(cycle.CycleId, ct)) return false;
        int undecided = 0, overdue = 0;
        foreach (var task in (await store.ListTasksAsync(cycle.CycleId, ct)).Where(t => t.State == TaskState.Open))
        {
            var progress = await TaskProgressReader.ReadAsync(store, task, ct);
            if (task.Kind == TaskKind.Decision) undecided += progress.Items - progress.Done;
            if (progress.Overdue) overdue++;
        }
        int businessDaysLeft = Math.Max(0, calendar.BusinessDaysBetween(planner.LocalDate(time.GetUtcNow()), cycle.DueDate));
        const string key = "deadline-warning";
        var message = NotificationBuilder.To(cycle.Chco, cycle.CycleId, key, NotificationKind.Warning,
            NotificationTemplates.DeadlineAtRisk(new DeadlineAtRiskModel(cycle.Agency, cycle.Title, cycle.Chco.Name, new AgencyInstant(cycle.DueAt, calendar.TimeZone), businessDaysLeft,
                undecided, overdue, links.ForCycle(cycle.CycleId), input.EarlyWarning)),
            links.ForCycle(cycle.CycleId), "Open the cycle");
        var receipt = await sender.SendAsync(message, ct);
        await audit.AppendAsync(new AuditEntry(cycle.CycleId, time.GetUtcNow(), AuditKinds.DeadlineWarning, "system", "email", null,
            (input.EarlyWarning is { } early ? $"Early warning, the forecast misses the internal cut-off: {early} " : "") +
            $"OPM deadline {AgencyTime.Format(cycle.DueAt, calendar.TimeZone)} at risk: {undecided} positions undecided, {overdue} tasks overdue; CHCO {cycle.Chco.Email} told (message {receipt.ProviderMessageId})"),
            $"notice:{key}", ct);
        return true;
    }
}
