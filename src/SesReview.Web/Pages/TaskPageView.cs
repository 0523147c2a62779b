using System.Globalization;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// The HTML of a task page: the form for the task's kind (decision, proposal or sign-off) and the delegate form. After a failed
/// POST the posted values are shown again with the errors, so nothing typed is lost.
/// </summary>
internal static class TaskPageView
{
    public static string Title(TaskView view) => view.Task.Kind switch
    {
        TaskKind.Decision => $"Decide positions: {view.Cycle.Title}",
        TaskKind.Proposal => $"Propose allocation adjustments: {view.Cycle.Title}",
        _ => $"Sign off the package: {view.Cycle.Title}",
    };

    public static HtmlText Render(string token, TaskView view, IFormCollection? posted, IReadOnlyList<FieldError> errors, string? errorHeading = null)
    {
        string Value(string field, string? current) => posted is not null ? posted[field].ToString() : current ?? "";
        var action = $"/tasks/{Html.Segment(token)}";
        var task = view.Task;
        var body = !view.IsOpen
            ? Html.Of($"<p>This task is no longer open (state: {task.State}); nothing more can be recorded here.</p>")
            : task.Kind switch
            {
                TaskKind.Decision => DecisionForm(action, view, Value),
                TaskKind.Proposal => ProposalForm(action, view, Value),
                _ => SignOffForm(action, token, view, Value),
            };
        return Html.Of($"""
            {Layout.Errors(errorHeading ?? "Nothing was recorded: please correct the fields named.", errors.Select(e => (e.Field, e.Message)))}
            <table>
            <tr><th>Cycle</th><td>{view.Cycle.Title} ({view.Cycle.Agency})</td></tr>
            <tr><th>Assigned to</th><td>{task.Approver.Name} &lt;{task.Approver.Email}&gt;</td></tr>
            <tr><th>Components</th><td>{string.Join(", ", task.Components)}</td></tr>
            <tr><th>Round</th><td>{task.Round}</td></tr>
            <tr><th>Due</th><td>{Html.Time(task.DueAt)}</td></tr>
            {(task.SendBackNote is { } n ? Html.Of($"<tr><th>Sent back with the note</th><td>{n}</td></tr>") : HtmlText.Empty)}
            </table>
            {body}
            {(view.IsOpen ? DelegateForm(action, posted is not null && posted.ContainsKey("email") && !posted.ContainsKey("action") ? posted : null) : HtmlText.Empty)}
            """);
    }

    private static HtmlText DecisionForm(string action, TaskView view, Func<string, string?, string> value)
    {
        HtmlText Checked(string field, string choice, string? current) => value(field, current) == choice ? new HtmlText(" checked") : HtmlText.Empty;
        HtmlText Row(TaskPositionView p)
        {
            var decisionField = TaskForm.Field("decision", p.PositionId);
            var justificationField = TaskForm.Field("justification", p.PositionId);
            var current = p.Decision?.Action switch { ProposedAction.RevertToGeneral => TaskForm.Revert, ProposedAction.RequestRetention => TaskForm.Retain, _ => null };
            return Html.Of($"""
                <tr><td>{p.PositionId}</td><td>{p.Title}</td><td>{p.Component}</td><td>{p.CurrentDesignation ?? "—"}</td>
                <td>{Html.Date(p.RedesignatedToCareerReservedOn)}</td><td>{p.Reason}</td><td>{FindingsView.List(p.Findings)}</td><td>{string.Join("; ", p.Flags)}</td>
                <td><label><input type="radio" name="{decisionField}" value="{TaskForm.Revert}"{Checked(decisionField, TaskForm.Revert, current)}> Revert to General</label>
                <label><input type="radio" name="{decisionField}" value="{TaskForm.Retain}"{Checked(decisionField, TaskForm.Retain, current)}> Request retention as Career Reserved</label>
                {(p.Decision is { } d ? Html.Of($"<small>Recorded: {DesignationReportWriter.ActionText(d.Action)} by {d.DecidedByName} at {Html.Time(d.DecidedAt)}</small>") : HtmlText.Empty)}</td>
                <td><textarea name="{justificationField}" aria-label="Justification for {p.PositionId}">{value(justificationField, p.Decision?.Justification)}</textarea></td></tr>
                """);
        }
        return Html.Of($"""
            <p>For each position choose to revert it to General (the default the memo sets) or to ask OPM to keep it Career Reserved.
            A retention request needs a justification of at least <strong>{view.MinimumJustificationLength}</strong> characters.</p>
            <form method="post" action="{action}">
            <table><thead><tr><th>Position</th><th>Title</th><th>Component</th><th>Current designation</th><th>Redesignated CR on</th><th>Reason identified</th><th>Rule and citation</th><th>Flags</th><th>Decision</th><th>Justification</th></tr></thead>
            <tbody>{Html.Join(view.Positions, Row)}</tbody></table>
            <button type="submit">Record decisions</button>
            </form>
            """);
    }

    private static HtmlText ProposalForm(string action, TaskView view, Func<string, string?, string> value)
    {
        HtmlText Line(AllocationLineView l)
        {
            var key = TaskForm.LineKey(l.Component, l.PayPlan);
            string F(string name) => TaskForm.Field(name, key);
            return Html.Of($"""
                <tr><td>{l.Component}</td><td>{l.PayPlan}</td><td>{l.Allocated}</td><td>{l.Filled}</td><td>{l.Vacant}</td>
                <td{(l.VacancyNeedsExplanation ? new HtmlText(" class=\"overdue\"") : HtmlText.Empty)}>{l.VacancyRate.ToString("P1", CultureInfo.InvariantCulture)}{(l.VacancyNeedsExplanation ? " (explain)" : "")}</td>
                <td><input type="number" step="1" name="{F("adjustment")}" value="{value(F("adjustment"), l.Proposal?.Adjustment.ToString(CultureInfo.InvariantCulture))}" aria-label="Adjustment for {key}"></td>
                <td><input type="text" name="{F("reason")}" value="{value(F("reason"), l.Proposal?.Reason)}" aria-label="Reason for {key}"></td>
                <td><textarea name="{F("justification")}" aria-label="Justification for {key}">{value(F("justification"), l.Proposal?.Justification)}</textarea></td></tr>
                """);
        }
        var lines = view.Redesignations.Select(r => (r.PositionId, (string?)r.To.ToCode(), (string?)r.Justification))
            .Concat(Enumerable.Repeat<(string, string?, string?)>(("", null, null), 2)).ToList();
        HtmlText Redesignation((string PositionId, string? To, string? Justification) r, int i)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var toField = TaskForm.Field("redesignationTo", index);
            HtmlText Selected(string code) => value(toField, r.To) == code ? new HtmlText(" selected") : HtmlText.Empty;
            return Html.Of($"""
                <tr><td><input type="text" name="{TaskForm.Field("redesignationPosition", index)}" value="{value(TaskForm.Field("redesignationPosition", index), r.PositionId)}" aria-label="Position id"></td>
                <td><select name="{toField}" aria-label="Redesignate to"><option value=""></option><option value="CR"{Selected("CR")}>Career Reserved (CR)</option><option value="GE"{Selected("GE")}>General (GE)</option></select></td>
                <td><textarea name="{TaskForm.Field("redesignationJustification", index)}" aria-label="Justification">{value(TaskForm.Field("redesignationJustification", index), r.Justification)}</textarea></td></tr>
                """);
        }
        return Html.Of($"""
            <p>For each allocation give the adjustment (negative gives positions back; 0 keeps it), with a reason and a justification.
            A justification is required for every adjustment, and a reason wherever the vacancy rate is above the threshold.</p>
            <form method="post" action="{action}">
            <table><thead><tr><th>Component</th><th>Pay plan</th><th>Allocated</th><th>Filled</th><th>Vacant</th><th>Vacancy rate</th><th>Adjustment</th><th>Reason</th><th>Justification</th></tr></thead>
            <tbody>{Html.Join(view.Allocations, Line)}</tbody></table>
            <h2>Positions to redesignate (optional)</h2>
            <table><thead><tr><th>Position id</th><th>To</th><th>Justification</th></tr></thead>
            <tbody>{Html.Join(lines.Select(Redesignation))}</tbody></table>
            <button type="submit">Record proposals</button>
            </form>
            """);
    }

    private static HtmlText SignOffForm(string action, string token, TaskView view, Func<string, string?, string> value)
    {
        var s = view.SignOff;
        return Html.Of($"""
            {(s is null ? Html.Of($"<p>The package is not ready yet.</p>") : Html.Of($"""
                <h2>Package, round {s.Round}</h2>
                <p>{s.Summary}</p>
                {(s.Warnings.Count == 0 ? HtmlText.Empty : Html.Of($"<h3>Warnings</h3><ul>{Html.Join(s.Warnings, w => Html.Of($"<li>{w}</li>"))}</ul>"))}
                {(s.Package is { } p ? Html.Of($"""<p><a href="/tasks/{Html.Segment(token)}/package">Download {p.FileName}</a> (SHA-256 <code>{p.Sha256}</code>)</p>""") : HtmlText.Empty)}
                {(s.History.Count == 0 ? HtmlText.Empty : Html.Of($"<h3>Earlier rounds</h3><ul>{Html.Join(s.History, h => Html.Of($"<li>Round {h.Round}: {(h.Approved ? "approved" : "sent back")} by {h.ByName} at {Html.Time(h.At)}{(h.Note is null ? "" : ": " + h.Note)}</li>"))}</ul>"))}
                """))}
            <form method="post" action="{action}">
            <label>Note (required when sending back)<textarea name="note">{value("note", null)}</textarea></label>
            <button type="submit" name="action" value="{TaskForm.Approve}">Approve and submit to OPM</button>
            <button type="submit" name="action" value="{TaskForm.SendBack}">Send back</button>
            </form>
            """);
    }

    public const string ConfirmApprovalTitle = "Confirm: submit the package to OPM";

    /// <summary>
    /// The step between "Approve and submit to OPM" and the submission: repeats what will be sent and posts the approval
    /// again with <c>confirm=yes</c> and the note as hidden fields. No script needed.
    /// </summary>
    public static HtmlText ConfirmApproval(string token, TaskView view, string? note)
    {
        var s = view.SignOff;
        var action = $"/tasks/{Html.Segment(token)}";
        return Html.Of($"""
            <p>Approving submits this package to OPM for {view.Cycle.Title} ({view.Cycle.Agency}). It is sent once and cannot be recalled here.</p>
            <table>
            <tr><th scope="row">Round</th><td>{(s?.Round ?? view.Task.Round).ToString(CultureInfo.InvariantCulture)}</td></tr>
            <tr><th scope="row">File</th><td>{s?.Package?.FileName ?? "The package is not ready yet."}</td></tr>
            <tr><th scope="row">SHA-256</th><td>{(s?.Package is { } p ? Html.Of($"<code>{p.Sha256}</code>") : Html.Of($"—"))}</td></tr>
            {(s is null ? HtmlText.Empty : Html.Of($"<tr><th scope=\"row\">Summary</th><td>{s.Summary}</td></tr>"))}
            {(note is null ? HtmlText.Empty : Html.Of($"<tr><th scope=\"row\">Your note</th><td>{note}</td></tr>"))}
            </table>
            <form method="post" action="{action}">
            <input type="hidden" name="action" value="{TaskForm.Approve}">
            <input type="hidden" name="{TaskForm.ConfirmField}" value="{TaskForm.Confirmed}">
            <input type="hidden" name="note" value="{note ?? ""}">
            <button type="submit">Confirm and submit to OPM</button>
            </form>
            <p><a href="{action}">Back to the sign-off page (nothing is sent)</a></p>
            """);
    }

    private static HtmlText DelegateForm(string action, IFormCollection? posted) => Html.Of($"""
        <h2>Delegate this task</h2>
        <p>The person named gets a new link by email; this link then stops working.</p>
        <form method="post" action="{action}/delegate">
        <label>Name <input type="text" name="name" value="{posted?["name"].ToString() ?? ""}"></label>
        <label>Email <input type="email" name="email" value="{posted?["email"].ToString() ?? ""}"></label>
        <label>Note <textarea name="note">{posted?["note"].ToString() ?? ""}</textarea></label>
        <button type="submit">Delegate</button>
        </form>
        """);

    public static HtmlText Confirmation(SubmitOutcome outcome, TaskView? view) => Html.Of($"""
        <div class="ok" role="status"><p><strong>{(outcome.AlreadyRecorded ? "Already recorded" : "Recorded")}</strong></p><p>{outcome.Message ?? ""}</p></div>
        {(view is null ? HtmlText.Empty : Html.Of($"<p>{view.Cycle.Title}: thank you. You may close this page.</p>"))}
        """);
}
