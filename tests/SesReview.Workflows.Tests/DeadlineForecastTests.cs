using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Notifications;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Forecasting;
using Microsoft.Extensions.DependencyInjection;

namespace SesReview.Workflows.Tests;

public sealed class DeadlineForecastTests
{
    private static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");
    private static readonly RequestOrigin Origin = RequestOrigin.Web("127.0.0.1");

    [Fact]
    public async Task The_deadline_warning_fires_early_when_the_forecast_misses_the_cut_off_and_names_the_tasks_that_drive_it()
    {
        // The cut-off is three days away and OPM's deadline 45 days away: the ordinary warning is weeks off. One approver
        // answers one position a day, which cannot finish before the cut-off.
        await using var harness = await WorkflowHarness.StartAsync(new Dictionary<string, string?> { ["Workflows:InternalCutOffAfter"] = "3.00:00:00" });
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(600, seed: 7));
        var cycle = await harness.StartDesignationAsync(upload, Chco, new Person("Avery Approver", "approver@agency.example.gov"));

        var notice = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(notice));
        Assert.True(page.View!.Positions.Count > 10, $"only {page.View.Positions.Count} positions to decide");
        var first = page.View.Positions[0];
        var outcome = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(notice),
            [new DecisionInput(first.PositionId, ProposedAction.RevertToGeneral, null)], Origin);
        Assert.True(outcome.Recorded, outcome.Message);

        var warning = await harness.WaitForMessageAsync(cycle.CycleId, "deadline-warning");
        Assert.Equal(NotificationKind.Warning, warning.Message.Kind);
        var entry = Assert.Single(await harness.Audit.ListAsync(cycle.CycleId), a => a.Kind == Audit.AuditKinds.DeadlineWarning);
        Assert.Contains("forecast misses the internal cut-off", entry.Detail);
        Assert.Contains("Avery Approver (decision-01)", entry.Detail);

        var forecast = await harness.Forecasts.ForecastAsync(cycle.CycleId);
        Assert.NotNull(forecast);
        Assert.True(forecast.MissesCutOff);
        Assert.Equal(["decision-01"], forecast.DrivingTaskIds);
        Assert.Equal(1, forecast.DecidedSoFar);
    }

    [Fact]
    public async Task A_cycle_whose_cut_off_is_hours_away_asks_for_no_forecast_and_is_not_warned_early()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(600, seed: 7));
        var cycle = await harness.StartDesignationAsync(upload, Chco);

        var notice = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(notice));
        var outcome = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(notice),
            [new DecisionInput(page.View!.Positions[0].PositionId, ProposedAction.RevertToGeneral, null)], Origin);
        Assert.True(outcome.Recorded, outcome.Message);

        await TestSupport.Poll.UntilAsync(async () => (await harness.Cycles.GetAsync(cycle.CycleId))?.Summary.Status is { Decided: >= 1 } s ? s : null,
            TimeSpan.FromSeconds(60), async () => $"status: {(await harness.Cycles.GetAsync(cycle.CycleId))?.Summary.Status}");
        Assert.DoesNotContain(await harness.Audit.ListAsync(cycle.CycleId), a => a.Kind == Audit.AuditKinds.DeadlineWarning);
    }
}
