using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Approvals;

/// <summary>How a task link was answered. The host maps Forbidden/Expired to 403, Gone to 410, NotFound to 404.</summary>
public enum TaskAccess
{
    Ok,
    /// <summary>Forged or altered token, or a token of someone who no longer holds the task (e.g. after delegation).</summary>
    Forbidden,
    Expired,
    /// <summary>The cycle is finished (submitted, cancelled or failed).</summary>
    Gone,
    NotFound,
}

/// <summary>What the task page shows, or why it cannot.</summary>
public sealed record TaskPage(TaskAccess Access, string? Message, TaskView? View)
{
    public static TaskPage Denied(TaskAccess access, string message) => new(access, message, null);
}

/// <summary>The task page's content.</summary>
public sealed record TaskView(
    ApprovalTask Task,
    CycleInput Cycle,
    bool IsOpen,
    int MinimumJustificationLength,
    IReadOnlyList<TaskPositionView> Positions,
    IReadOnlyList<AllocationLineView> Allocations,
    IReadOnlyList<RedesignationRecord> Redesignations,
    SignOffView? SignOff);

/// <summary>One position to decide, with the rule's reason and the decision already recorded, if any.</summary>
public sealed record TaskPositionView(
    string PositionId,
    string Title,
    string Component,
    string? CurrentDesignation,
    DateOnly? RedesignatedToCareerReservedOn,
    string Reason,
    IReadOnlyList<string> Flags,
    DecisionRecord? Decision,
    IReadOnlyList<Domain.Citations.FindingExplanation>? Findings = null);

/// <summary>One allocation line of a component, with the proposal already recorded, if any.</summary>
public sealed record AllocationLineView(
    string Component,
    PayPlan PayPlan,
    int Allocated,
    int Filled,
    int Vacant,
    decimal VacancyRate,
    bool VacancyNeedsExplanation,
    ProposalRecord? Proposal);

/// <summary>What the signer sees: the package summary, its warnings, and earlier rounds.</summary>
public sealed record SignOffView(int Round, string Summary, IReadOnlyList<string> Warnings, PackageRecord? Package, IReadOnlyList<SignOffRecord> History);

/// <summary>A decision as posted from the task page.</summary>
public sealed record DecisionInput(string PositionId, ProposedAction Action, string? Justification);

/// <summary>An allocation adjustment as posted from the task page.</summary>
public sealed record ProposalInput(string Component, PayPlan PayPlan, int Adjustment, string? Reason, string? Justification);

/// <summary>A redesignation proposal as posted from the task page.</summary>
public sealed record RedesignationInput(string PositionId, Designation To, string Justification);

/// <summary>
/// The answer to a POST on a task. <see cref="AlreadyRecorded"/>: the same submission had been recorded before (a repeated
/// POST changes nothing). <see cref="Errors"/> name the fields at fault; then nothing was recorded.
/// </summary>
public sealed record SubmitOutcome(TaskAccess Access, bool Recorded, bool AlreadyRecorded, IReadOnlyList<FieldError> Errors, string? Message)
{
    public static SubmitOutcome Denied(TaskAccess access, string message) => new(access, false, false, [], message);
    public static SubmitOutcome Invalid(IReadOnlyList<FieldError> errors) => new(TaskAccess.Ok, false, false, errors, "Nothing was recorded: please correct the fields named.");
    public static SubmitOutcome Done(string message) => new(TaskAccess.Ok, true, false, [], message);
    public static SubmitOutcome Repeat(string message) => new(TaskAccess.Ok, false, true, [], message);
    /// <summary>Another submission changed the task after this one read it; nothing recorded, the page shows it again.</summary>
    public static SubmitOutcome Superseded(string field, string message) => new(TaskAccess.Ok, false, false, [new(field, message)], message);
}
