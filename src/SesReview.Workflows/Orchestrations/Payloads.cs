using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Orchestrations;

// The inputs and outputs that orchestrators and activities exchange. They are recorded in history, so they carry ids
// and counts, never the inventory itself.

/// <summary>What the cycle learns when it loads its inventory: components with their positions, and its fixed schedule.</summary>
public sealed record InventoryOutline(int Positions, IReadOnlyList<ComponentOutline> Components, CycleSchedule Schedule, int AssessmentBatchSize);

public sealed record ComponentOutline(string Component, int Positions);

/// <summary>
/// One slice of the agency's ES positions, ordered by component and then position id: positions
/// <paramref name="Skip"/> to <paramref name="Skip"/> + <paramref name="Take"/> - 1 of that order.
/// </summary>
public sealed record AssessBatchInput(
    string CycleId, string UploadId, string Agency, int Skip, int Take, DateOnly AsOf, DateOnly? NewAgencyHeadAppointedOn);

/// <summary>Result of assessing (part of) a component: counts, and the positions an approver must decide.</summary>
public sealed record ComponentAssessment(string Component, int Assessed, int Identified, IReadOnlyList<string> NeedsDecision);

/// <summary>Creates (round 1) or re-opens (later rounds) the tasks of one kind.</summary>
/// <param name="PositionsByComponent">Decision tasks: positions to decide per component.</param>
/// <param name="Components">Proposal tasks: components to propose for.</param>
public sealed record PlanTasksInput(
    CycleInput Cycle, TaskKind Kind, int Round, DateTimeOffset Now, DateTimeOffset CutOffAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? PositionsByComponent, IReadOnlyList<string>? Components, string? SendBackNote);

/// <summary>One task as its sub-orchestration follows it.</summary>
/// <param name="DelegationsAtStart">Delegations made before this round (their delegates were told then).</param>
public sealed record TaskPlan(
    string CycleId, string TaskId, TaskKind Kind, int Round, int Items, TaskSchedule Schedule, int DelegationsAtStart = 0, ActivityRetry? Retry = null)
{
    public string InstanceId => ApprovalTask.TaskInstanceId(CycleId, TaskId, Round);
}

/// <summary>A task's state as read from its record; sent to the cycle as <see cref="EventNames.TaskProgress"/>.</summary>
public sealed record TaskProgress(
    string TaskId, int Round, TaskState State, int Items, int Done, bool Complete, bool Overdue, int Delegations, DateTimeOffset? NextReminder,
    bool? Approved = null, string? Note = null);

/// <summary>Payload of <see cref="EventNames.TaskChanged"/>.</summary>
public sealed record TaskSignal(bool CutOff = false);

public sealed record TaskRef(string CycleId, string TaskId);

public enum NoticePurpose { Initial, Reminder, Delegated }

public sealed record TaskNotice(string CycleId, string TaskId, int Round, NoticePurpose Purpose, int Sequence, int BusinessDaysLeft);

public sealed record EscalationNotice(string CycleId, string TaskId, int Round, int Sequence);

public sealed record CloseTaskInput(string CycleId, string TaskId, int Round, TaskState State);

public sealed record BuildPackageInput(CycleInput Cycle, int Round, bool Final);

/// <param name="EarlyWarning">Set when the deadline warning fires early because the forecast misses the internal cut-off: the forecast in words.</param>
public sealed record CycleRef(string CycleId, string? EarlyWarning = null);

/// <summary>What a finished cycle returns (its output).</summary>
public sealed record CycleOutcome(string CycleId, CyclePhase Phase, SubmissionRecord? Submission, int SignOffRounds);
