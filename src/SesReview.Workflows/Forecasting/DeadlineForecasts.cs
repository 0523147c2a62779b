using SesReview.Domain.Forecasting;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Forecasting;

/// <summary>
/// Reads a cycle's structured records (its decision tasks, each decision row's time, and the notice and reminders each task's
/// schedule has sent by now) and forecasts with <see cref="DeadlineForecaster"/>. Never parses audit text. Decision tasks
/// only: allocation proposals and the sign-off have no per-position pace.
/// </summary>
public sealed class DeadlineForecasts(CycleStore store, SchedulePlanner planner, DeadlineForecaster forecaster, TimeProvider time)
{
    /// <summary>The forecast of the cycle's latest round of decision tasks; null when the cycle does not exist or has no decision task.</summary>
    public async Task<CycleForecast?> ForecastAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetCycleAsync(cycleId, cancellationToken);
        if (record is null) return null;
        var cycle = record.Input;
        var tasks = (await store.ListTasksAsync(cycleId, cancellationToken)).Where(t => t.Kind == TaskKind.Decision).ToList();
        if (tasks.Count == 0) return null;
        var round = tasks.Max(t => t.Round);
        tasks = [.. tasks.Where(t => t.Round == round)];

        var now = time.GetUtcNow();
        var schedule = planner.PlanCycle(cycle.StartedAt, cycle.DueAt);
        var decisions = await store.ListDecisionsAsync(cycleId, cancellationToken);
        var histories = tasks.Select(t =>
        {
            var ids = t.PositionIds.ToHashSet(StringComparer.Ordinal);
            var decidedOn = decisions.Where(d => ids.Contains(d.PositionId) && d.Round == round)
                .Select(d => planner.LocalDate(d.DecidedAt)).ToList();
            var notices = new List<DateTimeOffset> { t.CreatedAt };
            notices.AddRange(planner.PlanTask(t.CreatedAt, schedule.CutOffAt).Reminders.Where(r => r <= now));
            return new TaskHistory(t.TaskId, t.Approver.Name, t.PositionIds.Count, decidedOn, [.. notices.Select(planner.LocalDate)]);
        }).ToList();
        return forecaster.Forecast(histories, planner.LocalDate(now), planner.LocalDate(schedule.CutOffAt), cycle.DueDate);
    }
}
