using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary><c>GET /</c>: every cycle with its phase and counts, for the CHCO and compliance staff.</summary>
internal static class DashboardPage
{
    public static void MapDashboardPages(this IEndpointRouteBuilder app) => app.MapGet("/", Show).ExcludeFromDescription();

    internal static async Task<ContentHttpResult> Show(HttpContext context, [FromServices] ICycleService cycles, CancellationToken cancellationToken)
    {
        var list = await cycles.ListAsync(cancellationToken);
        var forecasts = await ForecastView.ForCyclesAsync(context, list.Where(c => c.Status?.AwaitingDecision > 0).Select(c => c.CycleId), cancellationToken);
        var content = list.Count == 0
            ? SesReview.Web.Access.SignedInUser.IsStaff(context.User) ? Html.Of($"""<p>No cycles yet. <a href="/cycles/new">Start one</a>.</p>""") : Html.Of($"<p>No cycles yet.</p>")
            : Html.Of($"""
                <table>
                <thead><tr><th>Cycle</th><th>Kind</th><th>Agency</th><th>Runtime status</th><th>Phase</th><th>Assessed</th><th>Identified</th>
                <th>Awaiting decision</th><th>Decided</th><th>Overdue tasks</th><th>Next reminder</th><th>Next deadline</th><th>Due</th><th>Forecast</th></tr></thead>
                <tbody>{Html.Join(list, c => Row(c, forecasts.GetValueOrDefault(c.CycleId)))}</tbody>
                </table>
                """);
        return PageResults.Page(context, "Dashboard", content);
    }

    private static HtmlText Row(CycleSummary c, Domain.Forecasting.CycleForecast? forecast)
    {
        var s = c.Status;
        return Html.Of($"""
            <tr><td><a href="/cycles/{Html.Segment(c.CycleId)}">{c.Title}</a><br><small>{c.CycleId}</small></td><td>{c.Kind.ToSlug()}</td><td>{c.Agency}</td>
            <td>{c.RuntimeStatus}</td><td>{s?.Phase.ToString() ?? "—"}</td><td>{s?.Assessed}</td><td>{s?.Identified}</td><td>{s?.AwaitingDecision}</td>
            <td>{s?.Decided}</td><td{(s?.OverdueTasks > 0 ? new HtmlText(" class=\"overdue\"") : HtmlText.Empty)}>{s?.OverdueTasks}</td>
            <td>{Html.Time(s?.NextReminder)}</td><td>{Html.Time(s?.NextDeadline)}</td><td>{Html.Time(c.DueAt)}</td><td>{ForecastView.Line(forecast)}</td></tr>
            """);
    }
}
