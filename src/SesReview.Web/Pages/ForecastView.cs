using System.Globalization;
using SesReview.Domain.Forecasting;
using SesReview.Workflows.Forecasting;

namespace SesReview.Web.Pages;

/// <summary>
/// The deadline-risk forecast on the cycle page and dashboard: a sentence, a small inline SVG chart (decided over time, the
/// forecast line, the cut-off and OPM's deadline) and the per-task table. Presentation attributes only, no script and no
/// style attributes, so the strict content security policy holds.
/// </summary>
internal static class ForecastView
{
    private const int Width = 560, Height = 180, Left = 40, Right = 12, Top = 12, Bottom = 28;

    public static HtmlText Section(CycleForecast? forecast) => forecast is null
        ? Html.Of($"<p>No forecast yet: it starts once decision tasks are sent.</p>")
        : Html.Of($"""
            <p class="{(forecast.MissesCutOff ? "attention" : "ok")}">{forecast.Summary}</p>
            {Chart(forecast)}
            {Layout.Table(Html.Of($"""
            <thead><tr><th scope="col">Task</th><th scope="col">Approver</th><th scope="col">Decided</th><th scope="col">Pace (per business day)</th><th scope="col">First answer (business days)</th><th scope="col">Forecast done</th><th scope="col">Forecast</th></tr></thead>
            <tbody>{Html.Join(forecast.Tasks, t => Html.Of($"""
                <tr{(forecast.DrivingTaskIds.Contains(t.TaskId) ? new HtmlText(" class=\"overdue\"") : HtmlText.Empty)}><td>{t.TaskId}</td><td>{t.Approver}</td><td>{t.Decided} of {t.Positions}</td>
                <td>{t.PositionsPerBusinessDay.ToString("0.#", CultureInfo.InvariantCulture)}</td><td>{(t.FirstAnswerBusinessDays is { } f ? f.ToString(CultureInfo.InvariantCulture) : "—")}</td>
                <td>{(t.Stalled ? "stalled" : Html.Date(t.CompletesOn))}</td><td>{t.Explanation}</td></tr>
                """))}</tbody>
            """), extraClass: "forecast")}
            """);

    /// <summary>The forecasts of the cycles named (those with decision tasks), read through <see cref="DeadlineForecasts"/>.</summary>
    public static async Task<Dictionary<string, CycleForecast>> ForCyclesAsync(HttpContext context, IEnumerable<string> cycleIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, CycleForecast>(StringComparer.Ordinal);
        if (context.RequestServices.GetService<DeadlineForecasts>() is not { } forecasts) return found;
        foreach (var id in cycleIds)
        {
            if (await forecasts.ForecastAsync(id, cancellationToken) is { } f) found[id] = f;
        }
        return found;
    }

    /// <summary>One line for the dashboard.</summary>
    public static HtmlText Line(CycleForecast? forecast) => forecast is null
        ? Html.Of($"—")
        : Html.Of($"<span class=\"{(forecast.MissesCutOff ? "attention" : "ok")}\">{(forecast.CompletesOn is { } d ? "Done about " + Html.Date(d) : "Stalled")}{(forecast.MissesCutOff ? ": misses the cut-off" : "")}</span><br>{Chart(forecast, scale: 0.5)}");

    /// <param name="scale">Drawn size relative to the full chart (the dashboard draws it at half size; the SVG scales).</param>
    public static HtmlText Chart(CycleForecast f, double scale = 1)
    {
        var drawnWidth = (Width * scale).ToString("0", CultureInfo.InvariantCulture);
        var drawnHeight = (Height * scale).ToString("0", CultureInfo.InvariantCulture);
        var first = f.Decided.Count > 0 ? f.Decided[0].Day : f.Today;
        var last = new[] { f.OpmDeadline, f.CutOff, f.CompletesOn ?? f.OpmDeadline, f.Today }.Max();
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        var max = Math.Max(1, f.Positions);
        string X(DateOnly d) => (Left + (Width - Left - Right) * (d.DayNumber - first.DayNumber) / (double)span).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(int n) => (Top + (Height - Top - Bottom) * (1 - n / (double)max)).ToString("0.#", CultureInfo.InvariantCulture);
        var decided = string.Join(' ', f.Decided.Select(p => $"{X(p.Day)},{Y(p.Decided)}"));
        var bottom = Y(0);
        HtmlText Marker(DateOnly day, string label, string colour) => Html.Of($"""
            <line x1="{X(day)}" y1="{Top}" x2="{X(day)}" y2="{bottom}" stroke="{colour}" stroke-width="1.5"/><text x="{X(day)}" y="{Height - 4}" font-size="10" text-anchor="middle" fill="{colour}">{label} {Html.Date(day)}</text>
            """);
        return Html.Of($"""
            <svg class="forecast-chart" role="img" aria-label="Positions decided over time with the forecast, the internal cut-off and OPM's deadline" viewBox="0 0 {Width} {Height}" width="{drawnWidth}" height="{drawnHeight}">
            <title>Decided over time: {f.DecidedSoFar} of {f.Positions}; forecast {(f.CompletesOn is { } c ? Html.Date(c) : "none (stalled)")}; cut-off {Html.Date(f.CutOff)}; OPM deadline {Html.Date(f.OpmDeadline)}</title>
            <line x1="{Left}" y1="{bottom}" x2="{Width - Right}" y2="{bottom}" stroke="#565c65"/><line x1="{Left}" y1="{Top}" x2="{Left}" y2="{bottom}" stroke="#565c65"/>
            <text x="{Left - 4}" y="{Y(f.Positions)}" font-size="10" text-anchor="end">{f.Positions}</text><text x="{Left - 4}" y="{bottom}" font-size="10" text-anchor="end">0</text>
            {Marker(f.CutOff, "cut-off", "#c05600")}{Marker(f.OpmDeadline, "OPM", "#b50909")}
            {(decided.Length == 0 ? HtmlText.Empty : Html.Of($"""<polyline class="decided" points="{decided}" fill="none" stroke="#005ea2" stroke-width="2"/>"""))}
            {(f.CompletesOn is { } done ? Html.Of($"""<line class="forecast-line" x1="{X(f.Today)}" y1="{Y(f.DecidedSoFar)}" x2="{X(done)}" y2="{Y(f.Positions)}" stroke="#005ea2" stroke-width="2" stroke-dasharray="5 4"/>""") : HtmlText.Empty)}
            </svg>
            """);
    }
}
