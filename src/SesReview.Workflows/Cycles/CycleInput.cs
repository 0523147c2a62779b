using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// A validated cycle: the orchestration's input, fixed when the cycle starts (so replays see the same values whatever
/// the settings say later).
/// </summary>
/// <param name="PlumUploadId">The PLUM export the cycle keeps for its working copy (<see cref="Inventory.PlumUploads"/>); null: none.</param>
/// <param name="IncludePlumCrossCheck">Whether the package sent to OPM carries the "PLUM cross-check" sheet as well.</param>
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
    ActivityRetry? Retry = null,
    string? PlumUploadId = null,
    bool IncludePlumCrossCheck = false);
