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

    internal static async Task<ContentHttpResult> Show(
        string id, HttpContext context, [FromServices] ICycleService cycles, [FromServices] IAuditTrail audit, CancellationToken cancellationToken) =>
        await Render(id, context, cycles, audit, null, cancellationToken);

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
        int statusCode = StatusCodes.Status400BadRequest)
    {
        var details = await cycles.GetAsync(id, cancellationToken);
        if (details is null) return PageResults.NotFound(context, $"There is no cycle '{id}'.");
        var positions = await cycles.GetPositionsAsync(id, cancellationToken);
        var entries = await audit.ListAsync(id, cancellationToken);
        var forecast = (await ForecastView.ForCyclesAsync(context, [id], cancellationToken)).GetValueOrDefault(id);
        var content = Html.Of($"""
            {Status(details)}
            <h2>Deadline-risk forecast</h2>{ForecastView.Section(forecast)}
            <h2>Tasks</h2>{Tasks(details.Tasks)}
            <h2>Positions</h2>{Positions(positions)}
            <h2>Sign-offs</h2>{SignOffs(details.SignOffs)}
            <h2>Package</h2>{Package(details)}
            {(details.Input.PlumUploadId is null ? HtmlText.Empty : Html.Of($"""<p><a href="/api/cycles/{Html.Segment(id)}/working-copy.xlsx">Download the working copy: the OPM report with the PLUM cross-check sheet (.xlsx)</a></p>"""))}
            <h2>Submission to OPM</h2>{Submission(details.Submission)}
            <h2>Audit trail</h2><p><a href="/cycles/{Html.Segment(id)}/audit.xlsx">Download the audit trail (.xlsx)</a></p>{Audit(entries)}
            {(SignedInUser.IsStaff(context.User) ? Html.Of($"<h2>Cancel this cycle</h2>{CancelForm(context, id, cancelError)}") : HtmlText.Empty)}
            """);
        return PageResults.Page(context, details.Summary.Title, content, cancelError is null ? StatusCodes.Status200OK : statusCode);
    }

    private static HtmlText Status(CycleDetails d)
    {
        var s = d.Summary;
        var st = s.Status;
        return Html.Of($"""
            <table>
            <tr><th>Cycle id</th><td>{s.CycleId}</td></tr>
            <tr><th>Kind</th><td>{s.Kind.ToSlug()}</td></tr>
            <tr><th>Agency</th><td>{s.Agency}</td></tr>
            <tr><th>Runtime status</th><td>{s.RuntimeStatus}</td></tr>
            <tr><th>Phase</th><td>{st?.Phase.ToString() ?? "—"}</td></tr>
            <tr><th>Positions / assessed / identified</th><td>{st?.Positions} / {st?.Assessed} / {st?.Identified}</td></tr>
            <tr><th>Awaiting decision / decided</th><td>{st?.AwaitingDecision} / {st?.Decided}</td></tr>
            <tr><th>Open tasks / overdue</th><td>{st?.TasksOpen} / {st?.OverdueTasks}</td></tr>
            <tr><th>Next reminder</th><td>{Html.Time(st?.NextReminder)}</td></tr>
            <tr><th>Next deadline</th><td>{Html.Time(st?.NextDeadline)}</td></tr>
            <tr><th>Memo date / due</th><td>{Html.Date(d.Input.MemoDate)} / {Html.Time(s.DueAt)}</td></tr>
            <tr><th>CHCO / signer</th><td>{d.Input.Chco.Name} &lt;{d.Input.Chco.Email}&gt; / {d.Input.Signer.Name} &lt;{d.Input.Signer.Email}&gt;</td></tr>
            <tr><th>Started</th><td>{Html.Time(d.Input.StartedAt)} by {d.Input.StartedBy}</td></tr>
            {(st?.Message is { } m ? Html.Of($"<tr><th>Status message</th><td>{m}</td></tr>") : HtmlText.Empty)}
            {(d.Attention is { } a ? Html.Of($"<tr><th>Needs attention</th><td class=\"attention\">{a}</td></tr>") : HtmlText.Empty)}
            {(d.CancelReason is { } c ? Html.Of($"<tr><th>Cancelled because</th><td>{c}</td></tr>") : HtmlText.Empty)}
            {(d.InventoryNotes is { Count: > 0 } notes ? Html.Of($"<tr><th>About the inventory</th><td><ul class=\"inventory-notes\">{Html.Join(notes, n => Html.Of($"<li>{n}</li>"))}</ul></td></tr>") : HtmlText.Empty)}
            </table>
            """);
    }

    private static HtmlText Tasks(IReadOnlyList<ApprovalTask> tasks) => tasks.Count == 0
        ? Html.Of($"<p>No tasks yet.</p>")
        : Html.Of($"""
            <table><thead><tr><th>Approver</th><th>Kind</th><th>Round</th><th>Components</th><th>Due</th><th>State</th><th>Overdue since</th><th>Delegations</th></tr></thead>
            <tbody>{Html.Join(tasks, t => Html.Of($"""
                <tr><td>{t.Approver.Name}<br><small>{t.Approver.Email}</small></td><td>{t.Kind}</td><td>{t.Round}</td><td>{string.Join(", ", t.Components)}</td>
                <td>{Html.Time(t.DueAt)}</td><td>{t.State}</td><td{(t.OverdueSince is null ? HtmlText.Empty : new HtmlText(" class=\"overdue\""))}>{Html.Time(t.OverdueSince)}</td>
                <td>{Html.Join(t.Delegations, g => Html.Of($"<div>{g.From.Name} → {g.To.Name} &lt;{g.To.Email}&gt; at {Html.Time(g.At)}{(g.Note is null ? "" : ": " + g.Note)}</div>"))}</td></tr>
                """))}</tbody></table>
            """);

    private static HtmlText Positions(IReadOnlyList<PositionState> positions) => positions.Count == 0
        ? Html.Of($"<p>No positions assessed yet.</p>")
        : Html.Of($"""
            <table><thead><tr><th>Position</th><th>Component</th><th>Title</th><th>Pay plan</th><th>Identified</th><th>Proposed action</th><th>Why (rule and citation)</th><th>Decision</th><th>Decided by</th><th>Decided at</th></tr></thead>
            <tbody>{Html.Join(positions, p => Html.Of($"""
                <tr><td>{p.PositionId}</td><td>{p.Component}</td><td>{p.Title}</td><td>{p.PayPlan}</td><td>{(p.Identified ? "Yes" : "No")}</td>
                <td>{p.ProposedAction}</td><td>{FindingsView.List(p.Findings)}</td><td>{(p.Decision is { } d ? DesignationReportWriter.ActionText(d.Action) : p.NeedsDecision ? "Pending" : "—")}</td>
                <td>{p.Decision?.DecidedByName ?? "—"}</td><td>{Html.Time(p.Decision?.DecidedAt)}</td></tr>
                """))}</tbody></table>
            """);

    private static HtmlText SignOffs(IReadOnlyList<SignOffRecord> signOffs) => signOffs.Count == 0
        ? Html.Of($"<p>No sign-off yet.</p>")
        : Html.Of($"""
            <table><thead><tr><th>Round</th><th>Answer</th><th>By</th><th>At</th><th>Note</th></tr></thead>
            <tbody>{Html.Join(signOffs, s => Html.Of($"<tr><td>{s.Round}</td><td>{(s.Approved ? "Approved" : "Sent back")}</td><td>{s.ByName} &lt;{s.By}&gt;</td><td>{Html.Time(s.At)}</td><td>{s.Note ?? ""}</td></tr>"))}</tbody></table>
            """);

    private static HtmlText Package(CycleDetails d) => d.Package is not { } p
        ? Html.Of($"<p>No package built yet.</p>")
        : Html.Of($"""
            <p><a href="/api/cycles/{Html.Segment(d.Summary.CycleId)}/package">{p.FileName}</a> ({(p.Final ? "final" : "draft")}, round {p.Round}, built {Html.Time(p.BuiltAt)}, {p.Bytes} bytes, SHA-256 <code>{p.Sha256}</code>)</p>
            <p>{p.Summary}</p>
            {(p.Warnings.Count == 0 ? HtmlText.Empty : Html.Of($"<ul>{Html.Join(p.Warnings, w => Html.Of($"<li>{w}</li>"))}</ul>"))}
            """);

    private static HtmlText Submission(SubmissionRecord? s) => s is null
        ? Html.Of($"<p>Not submitted yet.</p>")
        : Html.Of($"""
            <table>
            <tr><th>Message id</th><td>{s.MessageId}</td></tr><tr><th>Sent at</th><td>{Html.Time(s.SentAt)}{(s.AfterDeadline ? " (after the deadline)" : "")}</td></tr>
            <tr><th>To</th><td>{s.To}</td></tr><tr><th>File</th><td>{s.FileName}</td></tr><tr><th>SHA-256</th><td><code>{s.AttachmentSha256}</code></td></tr>
            </table>
            """);

    private static HtmlText Audit(IReadOnlyList<AuditEntry> entries) => entries.Count == 0
        ? Html.Of($"<p>No entries yet.</p>")
        : Html.Of($"""
            <table><thead><tr><th>At</th><th>Kind</th><th>Actor</th><th>Channel</th><th>Source address</th><th>Detail</th></tr></thead>
            <tbody>{Html.Join(entries, e => Html.Of($"<tr><td>{Html.Time(e.At)}</td><td>{e.Kind}</td><td>{e.Actor}</td><td>{e.Channel}</td><td>{e.SourceAddress ?? ""}</td><td>{e.Detail}</td></tr>"))}</tbody></table>
            """);

    private static HtmlText CancelForm(HttpContext context, string id, string? error) => Html.Of($"""
        {(error is null ? HtmlText.Empty : Layout.Errors("Not cancelled.", [("reason", error)]))}
        <form method="post" action="/cycles/{Html.Segment(id)}/cancel">{AntiforgeryField.For(context)}
        <label>Reason (recorded in the audit trail)<textarea name="reason" required></textarea></label>
        <button type="submit">Cancel the cycle</button>
        </form>
        """);
}
