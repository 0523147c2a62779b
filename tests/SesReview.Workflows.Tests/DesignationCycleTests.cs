using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Notifications;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Tests;

public sealed class DesignationCycleTests
{
    private static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly RequestOrigin Origin = RequestOrigin.Web("127.0.0.1");

    [Fact]
    public async Task A_designation_cycle_runs_from_start_to_the_OPM_email_with_every_decision_in_the_report()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var inventory = InventoryGenerator.Generate(200, seed: 7);
        var upload = await harness.UploadAsync(inventory);
        var components = upload.Components;
        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation,
            MemoDate = Today,
            Deadline = Today.AddDays(45),
            Agency = upload.Agencies.Single(),
            InventoryUploadId = upload.UploadId,
            Chco = Chco,
            Approvers = [.. components.Select((c, i) => new ApproverAssignment(c, new Person($"Approver {i % 2}", $"approver{i % 2}@agency.example.gov")))],
        }, "chco@agency.example.gov", Origin);

        var expected = new DesignationAssessor().Assess(inventory, cycle.AsOf).Where(a => a.NeedsDecision).Select(a => a.PositionId).ToHashSet();
        Assert.NotEmpty(expected);

        var decided = new HashSet<string>();
        foreach (var taskId in new[] { "decision-01", "decision-02" })
        {
            var message = await harness.WaitForMessageAsync(cycle.CycleId, $"task/{taskId}/r1/initial");
            var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(message));
            Assert.Equal(TaskAccess.Ok, page.Access);
            var decisions = page.View!.Positions.Select((p, i) => i == 0
                ? new DecisionInput(p.PositionId, ProposedAction.RequestRetention, new string('j', 60))
                : new DecisionInput(p.PositionId, ProposedAction.RevertToGeneral, null)).ToList();
            var outcome = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(message), decisions, Origin);
            Assert.True(outcome.Recorded, outcome.Message);
            var again = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(message), decisions, Origin);
            Assert.True(again.AlreadyRecorded);
            decided.UnionWith(decisions.Select(d => d.PositionId));
        }
        Assert.Equal(expected, decided);

        var signOff = await harness.WaitForMessageAsync(cycle.CycleId, "task/signoff-r1/r1/initial");
        Assert.Equal(Chco.Email, signOff.Message.To.Single());
        var signed = await harness.Approvals.SignOffAsync(WorkflowHarness.TokenOf(signOff), approve: true, null, Origin);
        Assert.True(signed.Recorded, signed.Message);

        var done = await harness.Client.WaitForInstanceCompletionAsync(cycle.CycleId, getInputsAndOutputs: true, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var submission = await harness.WaitForMessageAsync(cycle.CycleId, "submission/opm");
        Assert.Equal("allocation-management@opm.gov", submission.Message.To.Single());
        Assert.Single(submission.Message.Attachments);
        var outcomeRecord = done.ReadOutputAs<CycleOutcome>()!;
        Assert.Equal(submission.AttachmentSha256, outcomeRecord.Submission!.AttachmentSha256);

        // The report OPM receives carries every decision: one retention request per approver, the rest reverted.
        var rows = TestSupport.WorkbookCells.Read(submission.Message.Attachments.Single().Content).Values.SelectMany(r => r).ToList();
        foreach (var id in expected)
            Assert.Contains(rows, r => r.Contains(id) && (r.Contains(Workbooks.Export.DesignationReportWriter.ActionText(ProposedAction.RevertToGeneral))
                                                         || r.Contains(Workbooks.Export.DesignationReportWriter.ActionText(ProposedAction.RequestRetention))));
        Assert.Equal(2, rows.Count(r => r.Contains(new string('j', 60))));

        var audit = await harness.Audit.ListAsync(cycle.CycleId);
        Assert.Equal(expected.Count, audit.Count(a => a.Kind == Audit.AuditKinds.Decision));
        Assert.Single(audit, a => a.Kind == Audit.AuditKinds.Submission);
    }

    [Fact]
    public async Task An_undecided_task_gets_its_reminder_then_is_escalated_to_the_CHCO_and_shows_as_overdue()
    {
        await using var harness = await WorkflowHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workflows:ApproverDueAfter"] = "00:00:03",
            ["Workflows:ReminderLeadTimes:0"] = "00:00:02",
            ["Workflows:EscalationRepeatAfter"] = "00:00:00",
        });
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(120, seed: 5));
        var cycle = await harness.StartDesignationAsync(upload, Chco, new Person("Avery Approver", "avery@agency.example.gov"));

        var reminder = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/reminder/1");
        Assert.Equal(NotificationKind.Reminder, reminder.Message.Kind);
        Assert.Equal("avery@agency.example.gov", reminder.Message.To.Single());
        var escalation = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/escalation/1");
        Assert.Equal(Chco.Email, escalation.Message.To.Single());

        var details = await TestSupport.Poll.UntilAsync(
            async () => await harness.Cycles.GetAsync(cycle.CycleId) is { Summary.Status.OverdueTasks: 1 } d ? d : null,
            TimeSpan.FromSeconds(30), async () => $"no overdue task; status {(await harness.Cycles.GetAsync(cycle.CycleId))?.Summary.Status}");
        Assert.Equal(CyclePhase.AwaitingDecisions, details.Summary.Status!.Phase);
        Assert.NotNull(details.Tasks.Single(t => t.TaskId == "decision-01").OverdueSince);
        var audit = await harness.Audit.ListAsync(cycle.CycleId);
        Assert.Contains(audit, a => a.Kind == Audit.AuditKinds.Reminder);
        Assert.Contains(audit, a => a.Kind == Audit.AuditKinds.Escalation);
    }

    [Fact]
    public async Task Repeating_a_post_writes_an_audit_entry_the_first_post_did_not_reach_and_never_a_second_one()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(120, seed: 9));
        var cycle = await harness.StartDesignationAsync(upload, Chco);
        var message = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        string token = WorkflowHarness.TokenOf(message);
        var view = (await harness.Approvals.OpenAsync(token)).View!;
        var decisions = view.Positions.Select(p => new DecisionInput(p.PositionId, ProposedAction.RevertToGeneral, null)).ToList();

        // As if the host stopped after saving the decisions and before their audit entries: save them directly.
        var now = DateTimeOffset.UtcNow;
        await harness.Store.SaveDecisionsAsync(cycle.CycleId, decisions.Select(d => new DecisionRecord(
            d.PositionId, "decision-01", 1, d.Action, null, Chco.Email, Chco.Name, now, "web", "10.0.0.9")));
        Assert.DoesNotContain(await harness.Audit.ListAsync(cycle.CycleId), a => a.Kind == Audit.AuditKinds.Decision);

        var repeat = await harness.Approvals.SubmitDecisionsAsync(token, decisions, Origin);
        Assert.True(repeat.AlreadyRecorded);
        await harness.Approvals.SubmitDecisionsAsync(token, decisions, Origin);
        var entries = (await harness.Audit.ListAsync(cycle.CycleId)).Where(a => a.Kind == Audit.AuditKinds.Decision).ToList();
        Assert.Equal(decisions.Count, entries.Count);
        Assert.All(entries, e => Assert.Equal("10.0.0.9", e.SourceAddress));
        // The repeat also woke the task, which read the record and finished: the sign-off request follows.
        await harness.WaitForMessageAsync(cycle.CycleId, "task/signoff-r1/r1/initial");
    }

    [Fact]
    public async Task The_CHCO_is_warned_once_when_OPMs_deadline_is_near_and_the_package_is_not_submitted()
    {
        // A lead time longer than the whole cycle puts the warning moment in the past: it goes out at the first wait.
        await using var harness = await WorkflowHarness.StartAsync(new Dictionary<string, string?> { ["Workflows:DeadlineAtRiskLeadTime"] = "400.00:00:00" });
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(120, seed: 12));
        var cycle = await harness.StartDesignationAsync(upload, Chco);

        var warning = await harness.WaitForMessageAsync(cycle.CycleId, "deadline-warning");
        Assert.Equal(NotificationKind.Warning, warning.Message.Kind);
        Assert.Equal(Chco.Email, warning.Message.To.Single());
        await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        Assert.Single(await harness.Audit.ListAsync(cycle.CycleId), a => a.Kind == Audit.AuditKinds.DeadlineWarning);
        Assert.Single(await harness.Outbox.ListAsync(cycle.CycleId), m => m.Kind == NotificationKind.Warning);
    }
}
