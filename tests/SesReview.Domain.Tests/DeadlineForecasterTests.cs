using SesReview.Domain.Calendar;
using SesReview.Domain.Forecasting;
using SesReview.Domain.Settings;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class DeadlineForecasterTests
{
    private static readonly DeadlineForecaster Forecaster = new(BusinessCalendar.Default, new ForecastOptions());
    private static readonly DateOnly OpmDeadline = D("2025-03-24");

    /// <summary>A seeded history: <paramref name="perDay"/>[i] positions decided on the i-th business day from <paramref name="firstDay"/>.</summary>
    private static TaskHistory History(string id, int positions, string firstDay, int[] perDay, params string[] notices)
    {
        var decided = new List<DateOnly>();
        var day = D(firstDay);
        foreach (var count in perDay)
        {
            decided.AddRange(Enumerable.Repeat(day, count));
            day = BusinessCalendar.Default.AddBusinessDays(day, 1);
        }
        return new TaskHistory(id, $"Approver {id}", positions, decided, [.. notices.Select(D)]);
    }

    [Fact]
    public void Approvers_on_pace_finish_before_the_cut_off_at_their_own_rate()
    {
        var tasks = new[] { "a", "b", "c" }.Select(id => History(id, 20, "2025-03-03", [4, 4, 4], "2025-03-03")).ToList();

        var forecast = Forecaster.Forecast(tasks, D("2025-03-05"), cutOff: D("2025-03-10"), OpmDeadline);

        Assert.All(forecast.Tasks, t => Assert.Equal((4.0, D("2025-03-07"), false), (t.PositionsPerBusinessDay, t.CompletesOn, t.MissesCutOff)));
        Assert.Equal(D("2025-03-07"), forecast.CompletesOn);
        Assert.False(forecast.MissesCutOff);
        Assert.Empty(forecast.DrivingTaskIds);
        Assert.Equal([4, 8, 12], forecast.Decided.Select(p => p.Decided / 3));
        Assert.Equal(36, forecast.DecidedSoFar);
        Assert.Contains("on or before the internal cut-off 2025-03-10", forecast.Summary);
    }

    [Fact]
    public void A_stalled_approver_gets_no_forecast_and_drives_the_miss()
    {
        var tasks = new List<TaskHistory>
        {
            History("a", 20, "2025-03-03", [4, 4, 4, 4, 4], "2025-03-03"),
            History("b", 20, "2025-03-03", [5, 5, 5, 5], "2025-03-03"),
            History("stuck", 12, "2025-03-03", [], "2025-03-03", "2025-03-05"),
        };

        var forecast = Forecaster.Forecast(tasks, D("2025-03-11"), cutOff: D("2025-03-14"), OpmDeadline);

        var stuck = Assert.Single(forecast.Tasks, t => t.TaskId == "stuck");
        Assert.True(stuck.Stalled);
        Assert.Null(stuck.CompletesOn);
        Assert.Contains("No answer to 2 notice(s) since 2025-03-03; 4 business days since the last", stuck.Explanation);
        Assert.Null(forecast.CompletesOn);
        Assert.True(forecast.MissesCutOff);
        Assert.True(forecast.MissesOpmDeadline);
        Assert.Equal(["stuck"], forecast.DrivingTaskIds);
        Assert.Contains("Approver stuck (stuck)", forecast.Summary);
    }

    [Fact]
    public void A_late_surge_counts_at_its_own_speed_not_diluted_by_the_quiet_days_before_it()
    {
        // Notified Monday, silent until Friday, then 15 of 20 decided on Friday.
        var surge = History("late", 20, "2025-03-07", [15], "2025-03-03");

        var forecast = Forecaster.Forecast([surge], D("2025-03-07"), cutOff: D("2025-03-10"), OpmDeadline);

        var t = Assert.Single(forecast.Tasks);
        Assert.Equal(15.0, t.PositionsPerBusinessDay);
        Assert.Equal(4, t.FirstAnswerBusinessDays);
        Assert.Equal(D("2025-03-10"), t.CompletesOn); // a pace averaged from Monday (3 a day) would say 2025-03-11, past the cut-off
        Assert.False(forecast.MissesCutOff);
    }

    [Fact]
    public void An_approver_who_has_not_answered_yet_is_expected_at_the_typical_lag_and_pace_and_can_drive_a_miss()
    {
        var tasks = new List<TaskHistory>
        {
            History("fast", 10, "2025-03-04", [5], "2025-03-03"),   // answered 1 business day after the notice, 5 a day
            History("new", 30, "2025-03-04", [], "2025-03-04"),     // notified today
        };

        var forecast = Forecaster.Forecast(tasks, D("2025-03-04"), cutOff: D("2025-03-07"), OpmDeadline);

        var fresh = Assert.Single(forecast.Tasks, t => t.TaskId == "new");
        Assert.False(fresh.Stalled);
        Assert.Equal(D("2025-03-13"), fresh.CompletesOn); // answers 03-05, then 30 ÷ 5 = 6 business days
        Assert.True(fresh.MissesCutOff);
        Assert.Equal(["new"], forecast.DrivingTaskIds);
        Assert.False(forecast.MissesOpmDeadline);
    }

    [Fact]
    public void Bad_forecast_settings_are_refused_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new DeadlineForecaster(BusinessCalendar.Default, new ForecastOptions { DefaultPositionsPerBusinessDay = 0 }));
        Assert.Contains("SesReview:Forecast:DefaultPositionsPerBusinessDay", error.Message);
    }
}
