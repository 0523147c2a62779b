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

    /// <param name="zone">The agency's time zone (<see cref="PageTime.Zone"/>): every moment on the page reads in it.</param>
    public static HtmlText Render(string token, TaskView view, IFormCollection? posted, IReadOnlyList<FieldError> errors, TimeZoneInfo zone, string? errorHeading = null)
    {
        string Value(string field, string? current) => posted is not null ? posted[field].ToString() : current ?? "";
        var action = $"/tasks/{Html.Segment(token)}";
        var task = view.Task;
        var body = !view.IsOpen
            ? Html.Of($"<p>This task is no longer open ({UserWords.TaskState(task.State).ToLowerInvariant()}); nothing more can be recorded here.</p>")
            : task.Kind switch
            {
                TaskKind.Decision => DecisionForm(action, view, Value, zone),
                TaskKind.Proposal => ProposalForm(action, view, Value),
                _ => SignOffForm(action, token, view, Value, zone),
            };
        return Html.Of($"""
            {Layout.Errors(errorHeading ?? "Nothing was recorded: please correct the fields named.", errors.Select(e => (e.Field, e.Message)))}
            {Layout.Table(Html.Of($"""
                <tbody>
                <tr><th scope="row">Cycle</th><td>{view.Cycle.Title} ({view.Cycle.Agency})</td></tr>
                <tr><th scope="row">Assigned to</th><td>{task.Approver.Name} &lt;{task.Approver.Email}&gt;</td></tr>
                <tr><th scope="row">Components</th><td>{string.Join(", ", task.Components)}</td></tr>
                <tr><th scope="row">Round</th><td>{task.Round}</td></tr>
                <tr><th scope="row">Due</th><td>{PageTime.Format(task.DueAt, zone)}</td></tr>
                {(task.SendBackNote is { } n ? Html.Of($"<tr><th scope=\"row\">Sent back with the note</th><td>{n}</td></tr>") : HtmlText.Empty)}
                </tbody>
                """), extraClass: "task-summary")}
            {body}
            {(view.IsOpen ? DelegateForm(action, posted is not null && posted.ContainsKey("email") && !posted.ContainsKey("action") ? posted : null) : HtmlText.Empty)}
            """);
    }

    /// <summary>
    /// One fieldset per position, its legend naming the position (id and title) so a screen reader announces which position
    /// "Revert to General" belongs to; a one-line reason, and the history, 3395 flags and rule citations one click away.
    /// </summary>
    private static HtmlText DecisionForm(string action, TaskView view, Func<string, string?, string> value, TimeZoneInfo zone)
    {
        HtmlText Checked(string field, string choice, string? current) => value(field, current) == choice ? new HtmlText(" checked") : HtmlText.Empty;
        HtmlText Position(TaskPositionView p, int index)
        {
            var decisionField = TaskForm.Field("decision", p.PositionId);
            var justificationField = TaskForm.Field("justification", p.PositionId);
            var current = p.Decision?.Action switch { ProposedAction.RevertToGeneral => TaskForm.Revert, ProposedAction.RequestRetention => TaskForm.Retain, _ => null };
            var idBase = $"position-{index.ToString(CultureInfo.InvariantCulture)}";
            return Html.Of($"""
                <fieldset class="usa-fieldset position">
                <legend class="usa-legend">{p.PositionId}: {p.Title}</legend>
                <p class="reason">{UserWords.Sentence(p.Reason)}</p>
                <details class="position-details"><summary>History and flags</summary>
                <dl>
                <dt>Component</dt><dd>{p.Component}</dd>
                <dt>Current designation</dt><dd>{UserWords.Designation(p.CurrentDesignation)}</dd>
                <dt>Redesignated Career Reserved on</dt><dd>{Html.Date(p.RedesignatedToCareerReservedOn)}</dd>
                <dt>Rule and citation</dt><dd>{FindingsView.List(p.Findings)}</dd>
                <dt>Flags (5 U.S.C. 3395)</dt><dd class="flags">{(p.Flags.Count == 0 ? "None." : UserWords.Sentences(p.Flags))}</dd>
                </dl>
                </details>
                <div class="usa-radio"><input class="usa-radio__input" type="radio" id="{idBase}-revert" name="{decisionField}" value="{TaskForm.Revert}"{Checked(decisionField, TaskForm.Revert, current)}><label class="usa-radio__label" for="{idBase}-revert">Revert to General</label></div>
                <div class="usa-radio"><input class="usa-radio__input" type="radio" id="{idBase}-retain" name="{decisionField}" value="{TaskForm.Retain}"{Checked(decisionField, TaskForm.Retain, current)}><label class="usa-radio__label" for="{idBase}-retain">Request retention as Career Reserved</label></div>
                {(p.Decision is { } d ? Html.Of($"<p class=\"recorded\"><small>Recorded: {UserWords.Action(d.Action)} by {d.DecidedByName} at {PageTime.Format(d.DecidedAt, zone)}.</small></p>") : HtmlText.Empty)}
                <label class="usa-label" for="{idBase}-justification">Justification for {p.PositionId}</label>
                <textarea class="usa-textarea" id="{idBase}-justification" name="{justificationField}">{value(justificationField, p.Decision?.Justification)}</textarea>
                </fieldset>
                """);
        }
        return Html.Of($"""
            <p>For each position choose to revert it to General (the default the memo sets) or to ask OPM to keep it Career Reserved.
            A retention request needs a justification of at least <strong>{view.MinimumJustificationLength}</strong> characters.</p>
            <form method="post" action="{action}" class="usa-form usa-form--large decisions">
            {Html.Join(view.Positions.Select(Position))}
            <button class="usa-button" type="submit">Record decisions</button>
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
                <td><input class="usa-input" type="number" step="1" name="{F("adjustment")}" value="{value(F("adjustment"), l.Proposal?.Adjustment.ToString(CultureInfo.InvariantCulture))}" aria-label="Adjustment for {key}"></td>
                <td><input class="usa-input" type="text" name="{F("reason")}" value="{value(F("reason"), l.Proposal?.Reason)}" aria-label="Reason for {key}"></td>
                <td><textarea class="usa-textarea" name="{F("justification")}" aria-label="Justification for {key}">{value(F("justification"), l.Proposal?.Justification)}</textarea></td></tr>
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
                <tr><td><input class="usa-input" type="text" name="{TaskForm.Field("redesignationPosition", index)}" value="{value(TaskForm.Field("redesignationPosition", index), r.PositionId)}" aria-label="Position id"></td>
                <td><select class="usa-select" name="{toField}" aria-label="Redesignate to"><option value=""></option><option value="CR"{Selected("CR")}>Career Reserved (CR)</option><option value="GE"{Selected("GE")}>General (GE)</option></select></td>
                <td><textarea class="usa-textarea" name="{TaskForm.Field("redesignationJustification", index)}" aria-label="Justification">{value(TaskForm.Field("redesignationJustification", index), r.Justification)}</textarea></td></tr>
                """);
        }
        return Html.Of($"""
            <p>For each allocation give the adjustment (negative gives positions back; 0 keeps it), with a reason and a justification.
            A justification is required for every adjustment, and a reason wherever the vacancy rate is above the threshold.</p>
            <form method="post" action="{action}" class="proposals">
            {Layout.Table(Html.Of($"""
                <thead><tr><th scope="col">Component</th><th scope="col">Pay plan</th><th scope="col">Allocated</th><th scope="col">Filled</th><th scope="col">Vacant</th><th scope="col">Vacancy rate</th><th scope="col">Adjustment</th><th scope="col">Reason</th><th scope="col">Justification</th></tr></thead>
                <tbody>{Html.Join(view.Allocations, Line)}</tbody>
                """))}
            <h2>Positions to redesignate (optional)</h2>
            {Layout.Table(Html.Of($"""
                <thead><tr><th scope="col">Position id</th><th scope="col">To</th><th scope="col">Justification</th></tr></thead>
                <tbody>{Html.Join(lines.Select(Redesignation))}</tbody>
                """))}
            <button class="usa-button" type="submit">Record proposals</button>
            </form>
            """);
    }

    private static HtmlText SignOffForm(string action, string token, TaskView view, Func<string, string?, string> value, TimeZoneInfo zone)
    {
        var s = view.SignOff;
        return Html.Of($"""
            {(s is null ? Html.Of($"<p>The package is not ready yet.</p>") : Html.Of($"""
                <h2>Package, round {s.Round}</h2>
                <p>{s.Summary}</p>
                {(s.Warnings.Count == 0 ? HtmlText.Empty : Html.Of($"<h3>Warnings</h3><ul class=\"usa-list\">{Html.Join(s.Warnings, w => Html.Of($"<li>{UserWords.Sentence(w)}</li>"))}</ul>"))}
                {(s.Package is { } p ? Html.Of($"""<p><a class="usa-link" href="/tasks/{Html.Segment(token)}/package">Download {p.FileName}</a> (SHA-256 <code>{p.Sha256}</code>)</p>""") : HtmlText.Empty)}
                {(s.History.Count == 0 ? HtmlText.Empty : Html.Of($"<h3>Earlier rounds</h3><ul class=\"usa-list\">{Html.Join(s.History, h => Html.Of($"<li>Round {h.Round}: {(h.Approved ? "approved" : "sent back")} by {h.ByName} at {PageTime.Format(h.At, zone)}{(h.Note is null ? "" : ": " + h.Note)}</li>"))}</ul>"))}
                """))}
            <form method="post" action="{action}" class="usa-form usa-form--large">
            <label class="usa-label">Note (required when sending back)<textarea class="usa-textarea" name="note">{value("note", null)}</textarea></label>
            <button class="usa-button" type="submit" name="action" value="{TaskForm.Approve}">Approve and submit to OPM</button>
            <button class="usa-button usa-button--outline" type="submit" name="action" value="{TaskForm.SendBack}">Send back</button>
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
        <form method="post" action="{action}/delegate" class="usa-form usa-form--large">
        <label class="usa-label" for="delegate-name">Name</label><input class="usa-input" id="delegate-name" type="text" name="name" value="{posted?["name"].ToString() ?? ""}">
        <label class="usa-label" for="delegate-email">Email</label><input class="usa-input" id="delegate-email" type="email" name="email" value="{posted?["email"].ToString() ?? ""}">
        <label class="usa-label" for="delegate-note">Note</label><textarea class="usa-textarea" id="delegate-note" name="note">{posted?["note"].ToString() ?? ""}</textarea>
        <button class="usa-button usa-button--outline" type="submit">Delegate</button>
        </form>
        """);

    public static HtmlText Confirmation(SubmitOutcome outcome, TaskView? view) => Html.Of($"""
        {Layout.Success(null, Html.Of($"<p class=\"usa-alert__text\">{outcome.Message ?? ""}</p>"))}
        {(view is null ? HtmlText.Empty : Html.Of($"<p>{view.Cycle.Title}: thank you. You may close this page.</p>"))}
        """);
}
