using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// <c>GET /</c>: every cycle in the CHCO's words: the stage it is in, what is late (each overdue task named), what the office
/// must do next, the progress, the due date in the agency's time zone and the forecast. When every cycle is of one agency,
/// the agency is said once above the table rather than on every row.
/// </summary>
internal static class DashboardPage
{
    public static void MapDashboardPages(this IEndpointRouteBuilder app) => app.MapGet("/", Show).ExcludeFromDescription();

    internal static async Task<ContentHttpResult> Show(HttpContext context, [FromServices] ICycleService cycles, CancellationToken cancellationToken)
    {
        var list = await cycles.ListAsync(cancellationToken);
        var zone = PageTime.Zone(context);
        var forecasts = await ForecastView.ForCyclesAsync(context, list.Where(c => c.Status?.AwaitingDecision > 0).Select(c => c.CycleId), cancellationToken);
        var overdue = new Dictionary<string, IReadOnlyList<ApprovalTask>>(StringComparer.Ordinal);
        foreach (var c in list.Where(c => c.Status?.OverdueTasks > 0))
        {
            if (await cycles.GetAsync(c.CycleId, cancellationToken) is { } details)
                overdue[c.CycleId] = [.. details.Tasks.Where(t => t.State == TaskState.Open && t.OverdueSince is not null)];
        }
        var agencies = list.Select(c => c.Agency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var oneAgency = agencies.Count == 1;
        if (list.Count == 0)
        {
            var empty = Access.SignedInUser.IsStaff(context.User) ? Html.Of($"""<p>No cycles yet. <a class="usa-link" href="/cycles/new">Start one</a>.</p>""") : Html.Of($"<p>No cycles yet.</p>");
            return PageResults.Page(context, "Dashboard", empty);
        }
        var content = Html.Of($"""
            {(oneAgency ? Html.Of($"""<p class="agency">Agency: <strong>{agencies[0]}</strong></p>""") : HtmlText.Empty)}
            {Layout.Table(Html.Of($"""
                <thead><tr><th scope="col">Cycle</th>{(oneAgency ? HtmlText.Empty : Html.Of($"<th scope=\"col\">Agency</th>"))}<th scope="col">Stage</th><th scope="col">What is late</th>
                <th scope="col">What to do next</th><th scope="col">Progress</th><th scope="col">Due to OPM</th><th scope="col">Forecast</th></tr></thead>
                <tbody>{Html.Join(list, c => Row(c, oneAgency, overdue.GetValueOrDefault(c.CycleId), forecasts.GetValueOrDefault(c.CycleId), zone))}</tbody>
                """), extraClass: "dashboard")}
            """);
        return PageResults.Page(context, "Dashboard", content);
    }

    private static HtmlText Row(CycleSummary c, bool oneAgency, IReadOnlyList<ApprovalTask>? overdue, Domain.Forecasting.CycleForecast? forecast, TimeZoneInfo zone)
    {
        var s = c.Status;
        return Html.Of($"""
            <tr><th scope="row"><a class="usa-link" href="/cycles/{Html.Segment(c.CycleId)}">{c.Title}</a><br><small>{UserWords.Kind(c.Kind)}</small></th>
            {(oneAgency ? HtmlText.Empty : Html.Of($"<td>{c.Agency}</td>"))}
            <td class="stage">{UserWords.Stage(s?.Phase, c.RuntimeStatus)}</td>
            <td class="late">{Late(s, overdue, zone)}</td>
            <td class="next-step">{UserWords.NextStep(c) ?? "Nothing"}</td>
            <td class="progress">{Progress(s)}</td>
            <td>{PageTime.Format(c.DueAt, zone)}</td><td>{ForecastView.Line(forecast)}</td></tr>
            """);
    }

    private static HtmlText Late(CycleStatus? s, IReadOnlyList<ApprovalTask>? overdue, TimeZoneInfo zone)
    {
        if (s is null || s.OverdueTasks == 0) return Html.Of($"Nothing");
        if (overdue is null || overdue.Count == 0)
            return Html.Of($"""<span class="overdue">{(s.OverdueTasks == 1 ? "1 task is overdue." : $"{s.OverdueTasks} tasks are overdue.")}</span>""");
        return Html.Of($"""
            <ul class="usa-list overdue">{Html.Join(overdue, t => Html.Of($"<li>{UserWords.TaskKind(t.Kind)}: {t.Approver.Name}, due {PageTime.Format(t.DueAt, zone)}.</li>"))}</ul>
            """);
    }

    private static HtmlText Progress(CycleStatus? s) => s is null
        ? Html.Of($"Not started")
        : Html.Of($"{s.Assessed:N0} of {s.Positions:N0} assessed; {s.Identified:N0} identified; {s.Decided:N0} decided, {s.AwaitingDecision:N0} waiting.");
}
