using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Notifications;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// Every engine or enum value a person reads on a page, in the words HR staff use; the one place that maps them, so no page
/// shows <c>NoAction</c>, <c>AwaitingDecisions</c> or "Running". A value this class does not know reads as a sentence
/// made from its words rather than its identifier.
/// </summary>
internal static class UserWords
{
    public static string Kind(CycleKind kind) => kind switch
    {
        CycleKind.DesignationReview => "Career reserved designation review",
        CycleKind.AllocationReview => "Executive allocation review",
        _ => Words(kind.ToString()),
    };

    /// <summary>The stage of a cycle, from its phase and the engine's runtime status (finished, failed, cancelled).</summary>
    public static string Stage(CyclePhase? phase, string runtimeStatus) => runtimeStatus switch
    {
        "Completed" when phase == CyclePhase.Submitted => "Submitted to OPM",
        "Completed" => "Finished",
        "Terminated" => "Cancelled",
        "Failed" => "Stopped by an error",
        "Suspended" => "Paused",
        "Pending" => "Starting",
        "NotScheduled" => "Not started",
        "Cancelled" => "Cancelled",
        _ => phase is { } p ? Phase(p) : "Starting",
    };

    public static string Phase(CyclePhase phase) => phase switch
    {
        CyclePhase.Loading => "Reading the inventory",
        CyclePhase.Assessing => "Assessing positions",
        CyclePhase.Planning => "Preparing the approvers' tasks",
        CyclePhase.AwaitingDecisions => "Approvers are deciding",
        CyclePhase.AwaitingProposals => "Approvers are proposing adjustments",
        CyclePhase.Consolidating => "Combining the answers",
        CyclePhase.BuildingPackage => "Building the package for OPM",
        CyclePhase.AwaitingSignOff => "Waiting for the signer",
        CyclePhase.Submitting => "Sending to OPM",
        CyclePhase.Submitted => "Submitted to OPM",
        _ => Words(phase.ToString()),
    };

    /// <summary>What the CHCO's office should do next, or null when nothing is asked of it.</summary>
    public static string? NextStep(CycleSummary cycle)
    {
        var s = cycle.Status;
        if (cycle.RuntimeStatus == "Failed") return "Open the cycle and read the error; ask the system administrator to restart it.";
        if (cycle.RuntimeStatus is "Completed" or "Terminated") return null;
        if (s is null) return null;
        if (s.OverdueTasks > 0)
            return s.OverdueTasks == 1 ? "Follow up on the overdue task." : $"Follow up on the {s.OverdueTasks} overdue tasks.";
        return s.Phase switch
        {
            CyclePhase.AwaitingDecisions => $"Nothing yet: approvers have {s.AwaitingDecision} positions to decide.",
            CyclePhase.AwaitingProposals => "Nothing yet: approvers are proposing adjustments.",
            CyclePhase.AwaitingSignOff => "Remind the signer to approve the package.",
            _ => null,
        };
    }

    public static string TaskKind(TaskKind kind) => kind switch
    {
        Workflows.Approvals.TaskKind.Decision => "Decide positions",
        Workflows.Approvals.TaskKind.Proposal => "Propose adjustments",
        Workflows.Approvals.TaskKind.SignOff => "Sign off the package",
        _ => Words(kind.ToString()),
    };

    public static string TaskState(TaskState state) => state switch
    {
        Workflows.Approvals.TaskState.Open => "Open",
        Workflows.Approvals.TaskState.Completed => "Done",
        Workflows.Approvals.TaskState.ClosedAtCutOff => "Closed at the cut-off",
        Workflows.Approvals.TaskState.Cancelled => "Cancelled",
        _ => Words(state.ToString()),
    };

    public static string Action(ProposedAction action) => action switch
    {
        ProposedAction.NoAction => "No action",
        ProposedAction.RevertToGeneral => "Revert to General",
        ProposedAction.RequestRetention => "Request retention as Career Reserved",
        _ => Words(action.ToString()),
    };

    /// <summary>An action stored by its name (the cycle's position list carries it as text).</summary>
    public static string Action(string action) => Enum.TryParse<ProposedAction>(action, out var a) ? Action(a) : Words(action);

    public static string Designation(Designation designation) => designation switch
    {
        Domain.Model.Designation.CareerReserved => "Career Reserved",
        Domain.Model.Designation.General => "General",
        _ => Words(designation.ToString()),
    };

    /// <summary>A designation stored by its name or its OPM code (task views carry it as text).</summary>
    public static string Designation(string? designation) => designation switch
    {
        null or "" => "—",
        "CR" => Designation(Domain.Model.Designation.CareerReserved),
        "GE" => Designation(Domain.Model.Designation.General),
        _ => Enum.TryParse<Designation>(designation, out var d) ? Designation(d) : Words(designation),
    };

    /// <summary>The decision column: the decision recorded, "Waiting for the approver" or a dash.</summary>
    public static string Decision(ProposedAction? decided, bool needsDecision) =>
        decided is { } a ? Action(a) : needsDecision ? "Waiting for the approver" : "—";

    public static string Message(NotificationKind kind) => kind switch
    {
        NotificationKind.TaskAssigned => "Task",
        NotificationKind.Reminder => "Reminder",
        NotificationKind.Escalation => "Escalation",
        NotificationKind.Warning => "Deadline warning",
        NotificationKind.SignOffRequest => "Sign-off request",
        NotificationKind.Submission => "Submission to OPM",
        _ => Words(kind.ToString()),
    };

    public static string AuditKind(string kind) => kind switch
    {
        AuditKinds.CycleStarted => "Cycle started",
        AuditKinds.TaskSent => "Task sent",
        AuditKinds.Decision => "Decision",
        AuditKinds.Proposal => "Proposal",
        AuditKinds.Delegation => "Delegation",
        AuditKinds.Reminder => "Reminder",
        AuditKinds.Escalation => "Escalation",
        AuditKinds.CutOff => "Cut-off",
        AuditKinds.DeadlineWarning => "Deadline warning",
        AuditKinds.SignOffRequested => "Sign-off requested",
        AuditKinds.SignOff => "Signed off",
        AuditKinds.SentBack => "Sent back",
        AuditKinds.Submission => "Submitted to OPM",
        AuditKinds.Cancelled => "Cancelled",
        _ => Words(kind),
    };

    /// <summary>Flags as sentences: each starts with a capital and ends with a full stop.</summary>
    public static string Sentences(IEnumerable<string> flags) => string.Join(" ", flags.Select(Sentence).Where(f => f.Length > 0));

    public static string Sentence(string text)
    {
        var t = text.Trim().TrimEnd(';');
        if (t.Length == 0) return t;
        t = char.ToUpperInvariant(t[0]) + t[1..];
        return t[^1] is '.' or '!' or '?' ? t : t + ".";
    }

    /// <summary>"ClosedAtCutOff" or "cut-off" → "Closed at cut off": an identifier's words, for values not mapped above.</summary>
    internal static string Words(string identifier)
    {
        if (identifier.All(c => !char.IsLetter(c) || char.IsUpper(c))) return identifier;
        var words = new System.Text.StringBuilder();
        foreach (var c in identifier.Replace('-', ' ').Replace('_', ' '))
        {
            if (char.IsUpper(c) && words.Length > 0 && words[^1] != ' ') words.Append(' ');
            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
