using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Domain.Calendar;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Forecasting;
using SesReview.Domain.Settings;
using SesReview.Host.Tests.Support;
using SesReview.Web.Pages;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Host.Tests;

public class ForecastPageTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public ForecastPageTests(HostFactory host) => _host = host;

    private static readonly DeadlineForecaster Forecaster = new(BusinessCalendar.Default, new ForecastOptions());
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static AngleSharp.Dom.IElement Render(CycleForecast forecast) =>
        new HtmlParser().ParseDocument("<main>" + ForecastView.Section(forecast).Value + "</main>").QuerySelector("main")!;

    [Fact]
    public void The_chart_draws_decided_over_time_the_forecast_line_the_cut_off_and_the_deadline_without_script_or_style()
    {
        var forecast = Forecaster.Forecast(
            [new TaskHistory("t1", "Harper Head", 20, [D("2025-03-03"), D("2025-03-03"), D("2025-03-04"), D("2025-03-04")], [D("2025-03-03")])],
            D("2025-03-04"), D("2025-03-14"), D("2025-03-24"));

        var html = Render(forecast);

        var svg = html.QuerySelector("svg.forecast-chart")!;
        Assert.Equal(2, svg.QuerySelector("polyline.decided")!.GetAttribute("points")!.Split(' ').Length);
        Assert.NotNull(svg.QuerySelector("line.forecast-line"));
        Assert.Contains("cut-off 2025-03-14", svg.TextContent);
        Assert.Contains("OPM 2025-03-24", svg.TextContent);
        Assert.Empty(html.QuerySelectorAll("script, [style]"));
        Assert.Contains("on or before the internal cut-off 2025-03-14", html.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void A_stalled_approver_has_no_forecast_line_and_is_named_as_driving_the_miss()
    {
        var forecast = Forecaster.Forecast(
            [new TaskHistory("t-policy", "Harper Head", 12, [], [D("2025-03-03"), D("2025-03-05")])],
            D("2025-03-13"), D("2025-03-14"), D("2025-03-24"));

        var html = Render(forecast);

        Assert.Null(html.QuerySelector("line.forecast-line"));
        Assert.Contains("Harper Head (t-policy)", html.QuerySelector("p.attention")!.TextContent);
        Assert.Contains("stalled", html.QuerySelector("table.forecast tr.overdue")!.TextContent);
    }

    private async Task<string> SeedCycleWithOneDecisionAsync()
    {
        var id = "forecast-" + Guid.NewGuid().ToString("N")[..8];
        var store = _host.Services.GetRequiredService<CycleStore>();
        await store.TryAddCycleAsync(new CycleRecord(Samples.Input(id)));
        await store.TryAddTaskAsync(Samples.DecisionTask(id));
        await store.SaveDecisionsAsync(id, [new DecisionRecord("P-001", "t-policy", 1, ProposedAction.RevertToGeneral, null, Samples.Head.Email, Samples.Head.Name,
            Samples.Start.AddDays(1), "web", null)]);
        _host.Cycles.Cycles[id] = Samples.Details(id);
        return id;
    }

    [Fact]
    public async Task The_dashboard_shows_each_cycle_awaiting_decisions_with_its_forecast_and_a_small_chart()
    {
        var id = await SeedCycleWithOneDecisionAsync();

        var page = await Browser.Parse(await _host.CreateComplianceClient().GetAsync("/"));

        var row = page.QuerySelectorAll("main tr").Single(r => r.QuerySelector($"a[href='/cycles/{id}']") is not null);
        var chart = row.QuerySelector("svg.forecast-chart")!;
        Assert.Equal("280", chart.GetAttribute("width"));
        Assert.Contains("misses the cut-off", row.TextContent);
    }

    [Fact]
    public async Task The_cycle_page_shows_the_forecast_from_the_stored_tasks_and_decisions()
    {
        var id = await SeedCycleWithOneDecisionAsync();

        var page = await Browser.Parse(await _host.CreateComplianceClient().GetAsync($"/cycles/{id}"));

        var main = page.QuerySelector("main")!;
        Assert.NotNull(main.QuerySelector("svg.forecast-chart polyline.decided"));
        Assert.Contains("Harper Head", main.QuerySelector("table.forecast")!.TextContent);
        Assert.Contains("1 of 2", main.QuerySelector("table.forecast")!.TextContent);
    }
}
