using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// A validated cycle: the orchestration's input, fixed when the cycle starts (so replays see the same values whatever
/// the settings say later).
/// </summary>
public sealed record CycleInput(
    string CycleId,
    CycleKind Kind,
    string Agency,
    string Title,
    DateOnly MemoDate,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    string InventoryUploadId,
    Person Chco,
    Person Signer,
    IReadOnlyList<ApproverAssignment> Approvers,
    DateOnly AsOf,
    DateOnly? NewAgencyHeadAppointedOn,
    DateTimeOffset StartedAt,
    string StartedBy,
    ActivityRetry? Retry = null);
