using SesReview.Web.Access;
using SesReview.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary><c>/cycles/{id}</c>: one cycle's status, tasks, positions, sign-offs, package, submission and audit trail; and its cancel form.</summary>
internal static class CyclePage
{
    public static void MapCyclePages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cycles").ExcludeFromDescription();
        group.MapGet("/{id}", Show);
        group.MapPost("/{id}/cancel", Cancel).DisableAntiforgery().RequireAuthorization(AccessPolicies.Staff);
        group.MapGet("/{id}/audit.xlsx", (string id, [FromServices] ICycleService cycles, [FromServices] IAuditTrail audit, CancellationToken ct) =>
            CycleApi.AuditWorkbook(id, cycles, audit, ct));
    }

    /// <summary>Positions per page of the cycle page: a 12,000-position cycle renders 100 rows, not 12,000.</summary>
    internal const int PositionsPerPage = 100;

    internal static async Task<ContentHttpResult> Show(
        string id, HttpContext context, [FromServices] ICycleService cycles, [FromServices] IAuditTrail audit, int? positions, CancellationToken cancellationToken) =>
        await Render(id, context, cycles, audit, null, cancellationToken, positionsPage: positions);

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult>> Cancel(
        string id, HttpContext context, [FromServices] ICycleService cycles, [FromServices] IAuditTrail audit, CancellationToken cancellationToken)
    {
        if (!await AntiforgeryField.IsValidAsync(context))
            return await Render(id, context, cycles, audit, "The form has expired or did not come from this site; reload the page and try again.", cancellationToken);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var reason = form["reason"].ToString().Trim();
        if (reason.Length == 0) return await Render(id, context, cycles, audit, "Say why the cycle is cancelled; the reason goes into the audit trail.", cancellationToken);
        var outcome = await cycles.CancelAsync(id, reason, RequestContext.Actor(context), RequestContext.WebOrigin(context), cancellationToken);
        return outcome switch
        {
            CancelOutcome.NotFound => PageResults.NotFound(context, $"There is no cycle '{id}'."),
            CancelOutcome.AlreadyFinished => await Render(id, context, cycles, audit, "The cycle has already finished; nothing was cancelled.", cancellationToken, StatusCodes.Status409Conflict),
            _ => TypedResults.Redirect($"/cycles/{Html.Segment(id)}"),
        };
    }

    private static async Task<ContentHttpResult> Render(
        string id, HttpContext context, ICycleService cycles, IAuditTrail audit, string? cancelError, CancellationToken cancellationToken,
        int statusCode = StatusCodes.Status400BadRequest, int? positionsPage = null)
    {
        var details = await cycles.GetAsync(id, cancellationToken);
        if (details is null) return PageResults.NotFound(context, $"There is no cycle '{id}'.");
        var (positions, pager) = await PositionsPageAsync(cycles, id, positionsPage, cancellationToken);
        var entries = await audit.ListAsync(id, cancellationToken);
        var forecast = (await ForecastView.ForCyclesAsync(context, [id], cancellationToken)).GetValueOrDefault(id);
        var content = Body(details, positions, entries, forecast, pager, PageTime.Zone(context),
            SignedInUser.IsStaff(context.User) ? Html.Of($"<h2>Cancel this cycle</h2>{CancelForm(context, id, cancelError)}") : HtmlText.Empty);
        return PageResults.Page(context, details.Summary.Title, content, cancelError is null ? StatusCodes.Status200OK : statusCode);
    }

    /// <summary>The page of positions asked for; a page past the last shows the last (read again once the total is known).</summary>
    private static async Task<(IReadOnlyList<PositionState> Positions, Pager Pager)> PositionsPageAsync(
        ICycleService cycles, string id, int? requested, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(requested ?? 1, 1, int.MaxValue / PositionsPerPage);
        var read = await cycles.GetPositionsPageAsync(id, (page - 1) * PositionsPerPage, PositionsPerPage, cancellationToken);
        var pager = Pager.For(page, PositionsPerPage, read.Total);
        if (pager.Page != page) read = await cycles.GetPositionsPageAsync(id, (pager.Page - 1) * PositionsPerPage, PositionsPerPage, cancellationToken);
        return (read.Positions, pager);
    }

    /// <summary>The page's content; the benchmark renders it directly (no storage) for cycles of 1,500 and 12,000 positions.</summary>
    internal static HtmlText Body(
        CycleDetails details, IReadOnlyList<PositionState> positionsShown, IReadOnlyList<AuditEntry> entries, Domain.Forecasting.CycleForecast? forecast,
        Pager pager, TimeZoneInfo zone, HtmlText cancelSection)
    {
        var id = details.Summary.CycleId;
        var st = details.Summary.Status;
        return Html.Of($"""
            {CycleSteps.Render(details.Summary.Kind, st?.Phase, UserWords.Stage(st?.Phase, details.Summary.RuntimeStatus))}
            {Status(details, zone)}
            <h2>Deadline-risk forecast</h2>{ForecastView.Section(forecast)}
            <h2>Tasks</h2>{Tasks(details.Tasks, zone)}
            <h2 id="positions">Positions</h2>{Positions(id, positionsShown, pager, zone)}
            <h2>Sign-offs</h2>{SignOffs(details.SignOffs, zone)}
            <h2>Package</h2>{Package(details, zone)}
            {(details.Input.PlumUploadId is null ? HtmlText.Empty : Html.Of($"""<p><a class="usa-link" href="/api/cycles/{Html.Segment(id)}/working-copy.xlsx">Download the working copy: the OPM report with the PLUM cross-check sheet (.xlsx)</a></p>"""))}
            <h2>Submission to OPM</h2>{Submission(details.Submission, zone)}
            <h2>Audit trail</h2><p><a class="usa-link" href="/cycles/{Html.Segment(id)}/audit.xlsx">Download the audit trail (.xlsx)</a></p>{Audit(entries, zone)}
            {cancelSection}
            """);
    }

    private static HtmlText Status(CycleDetails d, TimeZoneInfo zone)
    {
        var s = d.Summary;
        var st = s.Status;
        return Layout.Table(Html.Of($"""
            <tbody>
            <tr><th scope="row">Review</th><td>{UserWords.Kind(s.Kind)}</td></tr>
            <tr><th scope="row">Agency</th><td>{s.Agency}</td></tr>
            <tr><th scope="row">Stage</th><td>{UserWords.Stage(st?.Phase, s.RuntimeStatus)}</td></tr>
            {(UserWords.NextStep(s) is { } next ? Html.Of($"<tr><th scope=\"row\">What to do next</th><td>{next}</td></tr>") : HtmlText.Empty)}
            <tr><th scope="row">Positions / assessed / identified</th><td>{st?.Positions} / {st?.Assessed} / {st?.Identified}</td></tr>
            <tr><th scope="row">Waiting for a decision / decided</th><td>{st?.AwaitingDecision} / {st?.Decided}</td></tr>
            <tr><th scope="row">Open tasks / overdue</th><td>{st?.TasksOpen} / {st?.OverdueTasks}</td></tr>
            <tr><th scope="row">Next reminder</th><td>{PageTime.Format(st?.NextReminder, zone)}</td></tr>
            <tr><th scope="row">Next deadline</th><td>{PageTime.Format(st?.NextDeadline, zone)}</td></tr>
            <tr><th scope="row">Memo date / due to OPM</th><td>{Html.Date(d.Input.MemoDate)} / {PageTime.Format(s.DueAt, zone)}</td></tr>
            <tr><th scope="row">CHCO / signer</th><td>{d.Input.Chco.Name} &lt;{d.Input.Chco.Email}&gt; / {d.Input.Signer.Name} &lt;{d.Input.Signer.Email}&gt;</td></tr>
            <tr><th scope="row">Started</th><td>{PageTime.Format(d.Input.StartedAt, zone)} by {d.Input.StartedBy}</td></tr>
            <tr><th scope="row">Cycle id</th><td>{s.CycleId}</td></tr>
            {(st?.Message is { } m ? Html.Of($"<tr><th scope=\"row\">Status message</th><td>{m}</td></tr>") : HtmlText.Empty)}
            {(d.Attention is { } a ? Html.Of($"<tr><th scope=\"row\">Needs attention</th><td class=\"attention\">{a}</td></tr>") : HtmlText.Empty)}
            {(d.CancelReason is { } c ? Html.Of($"<tr><th scope=\"row\">Cancelled because</th><td>{c}</td></tr>") : HtmlText.Empty)}
            {(d.InventoryNotes is { Count: > 0 } notes ? Html.Of($"<tr><th scope=\"row\">About the inventory</th><td><ul class=\"inventory-notes usa-list\">{Html.Join(notes, n => Html.Of($"<li>{n}</li>"))}</ul></td></tr>") : HtmlText.Empty)}
            </tbody>
            """), extraClass: "cycle-status");
    }

    private static HtmlText Tasks(IReadOnlyList<ApprovalTask> tasks, TimeZoneInfo zone) => tasks.Count == 0
        ? Html.Of($"<p>No tasks yet.</p>")
        : Layout.Table(Html.Of($"""
            <thead><tr><th scope="col">Approver</th><th scope="col">Task</th><th scope="col">Round</th><th scope="col">Components</th><th scope="col">Due</th><th scope="col">State</th><th scope="col">Overdue since</th><th scope="col">Delegations</th></tr></thead>
            <tbody>{Html.Join(tasks, t => Html.Of($"""
                <tr><td>{t.Approver.Name}<br><small>{t.Approver.Email}</small></td><td>{UserWords.TaskKind(t.Kind)}</td><td>{t.Round}</td><td>{string.Join(", ", t.Components)}</td>
                <td>{PageTime.Format(t.DueAt, zone)}</td><td>{UserWords.TaskState(t.State)}</td><td{(t.OverdueSince is null ? HtmlText.Empty : new HtmlText(" class=\"overdue\""))}>{PageTime.Format(t.OverdueSince, zone)}</td>
                <td>{Html.Join(t.Delegations, g => Html.Of($"<div>{g.From.Name} → {g.To.Name} &lt;{g.To.Email}&gt; at {PageTime.Format(g.At, zone)}{(g.Note is null ? "" : ": " + g.Note)}</div>"))}</td></tr>
                """))}</tbody>
            """), extraClass: "tasks");

    /// <param name="shown">The positions of the pager's page.</param>
    private static HtmlText Positions(string cycleId, IReadOnlyList<PositionState> shown, Pager pager, TimeZoneInfo zone) => pager.Total == 0
        ? Html.Of($"<p>No positions assessed yet.</p>")
        : Html.Of($"""
            <p class="positions-shown">Positions {pager.First:N0}–{pager.Last:N0} of {pager.Total:N0}{(pager.Pages > 1 ? $", page {pager.Page} of {pager.Pages}" : "")}.</p>
            {PositionRows(shown, zone)}
            {pager.Nav("Pages of positions", n => $"/cycles/{Html.Segment(cycleId)}?positions={n}#positions")}
            """);

    /// <summary>The positions table for the rows given (a page of them; the benchmark's baseline passes every position).</summary>
    internal static HtmlText PositionRows(IEnumerable<PositionState> rows, TimeZoneInfo zone) => Layout.Table(Html.Of($"""
        <thead><tr><th scope="col">Position</th><th scope="col">Component</th><th scope="col">Title</th><th scope="col">Pay plan</th><th scope="col">Identified</th><th scope="col">Proposed action</th><th scope="col">Why (rule and citation)</th><th scope="col">Decision</th><th scope="col">Decided by</th><th scope="col">Decided at</th></tr></thead>
        <tbody>{Html.Join(rows, p => Html.Of($"""
            <tr><th scope="row">{p.PositionId}</th><td>{p.Component}</td><td>{p.Title}</td><td>{p.PayPlan}</td><td>{(p.Identified ? "Yes" : "No")}</td>
            <td>{UserWords.Action(p.ProposedAction)}</td><td>{FindingsView.List(p.Findings)}</td><td>{UserWords.Decision(p.Decision?.Action, p.NeedsDecision)}</td>
            <td>{p.Decision?.DecidedByName ?? "—"}</td><td>{PageTime.Format(p.Decision?.DecidedAt, zone)}</td></tr>
            """))}</tbody>
        """), extraClass: "positions");

    private static HtmlText SignOffs(IReadOnlyList<SignOffRecord> signOffs, TimeZoneInfo zone) => signOffs.Count == 0
        ? Html.Of($"<p>No sign-off yet.</p>")
        : Layout.Table(Html.Of($"""
            <thead><tr><th scope="col">Round</th><th scope="col">Answer</th><th scope="col">By</th><th scope="col">At</th><th scope="col">Note</th></tr></thead>
            <tbody>{Html.Join(signOffs, s => Html.Of($"<tr><td>{s.Round}</td><td>{(s.Approved ? "Approved" : "Sent back")}</td><td>{s.ByName} &lt;{s.By}&gt;</td><td>{PageTime.Format(s.At, zone)}</td><td>{s.Note ?? ""}</td></tr>"))}</tbody>
            """));

    private static HtmlText Package(CycleDetails d, TimeZoneInfo zone) => d.Package is not { } p
        ? Html.Of($"<p>No package built yet.</p>")
        : Html.Of($"""
            <p><a class="usa-link" href="/api/cycles/{Html.Segment(d.Summary.CycleId)}/package">{p.FileName}</a> ({(p.Final ? "final" : "draft")}, round {p.Round}, built {PageTime.Format(p.BuiltAt, zone)}, {p.Bytes:N0} bytes, SHA-256 <code>{p.Sha256}</code>)</p>
            <p>{p.Summary}</p>
            {(p.Warnings.Count == 0 ? HtmlText.Empty : Html.Of($"<ul class=\"usa-list\">{Html.Join(p.Warnings, w => Html.Of($"<li>{UserWords.Sentence(w)}</li>"))}</ul>"))}
            """);

    private static HtmlText Submission(SubmissionRecord? s, TimeZoneInfo zone) => s is null
        ? Html.Of($"<p>Not submitted yet.</p>")
        : Layout.Table(Html.Of($"""
            <tbody>
            <tr><th scope="row">Message id</th><td>{s.MessageId}</td></tr><tr><th scope="row">Sent at</th><td>{PageTime.Format(s.SentAt, zone)}{(s.AfterDeadline ? " (after the deadline)" : "")}</td></tr>
            <tr><th scope="row">To</th><td>{s.To}</td></tr><tr><th scope="row">File</th><td>{s.FileName}</td></tr><tr><th scope="row">SHA-256</th><td><code>{s.AttachmentSha256}</code></td></tr>
            </tbody>
            """));

    private static HtmlText Audit(IReadOnlyList<AuditEntry> entries, TimeZoneInfo zone) => entries.Count == 0
        ? Html.Of($"<p>No entries yet.</p>")
        : Layout.Table(Html.Of($"""
            <thead><tr><th scope="col">At</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Channel</th><th scope="col">Source address</th><th scope="col">Detail</th></tr></thead>
            <tbody>{Html.Join(entries, e => Html.Of($"<tr><td>{PageTime.Format(e.At, zone)}</td><td>{UserWords.AuditKind(e.Kind)}</td><td>{e.Actor}</td><td>{e.Channel}</td><td>{e.SourceAddress ?? ""}</td><td>{e.Detail}</td></tr>"))}</tbody>
            """), extraClass: "audit");

    private static HtmlText CancelForm(HttpContext context, string id, string? error) => Html.Of($"""
        {(error is null ? HtmlText.Empty : Layout.Errors("Not cancelled.", [("reason", error)]))}
        <form method="post" action="/cycles/{Html.Segment(id)}/cancel">{AntiforgeryField.For(context)}
        <label class="usa-label" for="cancel-reason">Reason (recorded in the audit trail)</label><textarea class="usa-textarea" id="cancel-reason" name="reason" required></textarea>
        <button class="usa-button usa-button--secondary margin-top-2" type="submit">Cancel the cycle</button>
        </form>
        """);
}
