using SesReview.Domain.DesignationReview;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// An approver's decision on one position, with who made it, when, through which channel and from where.
/// <paramref name="Submission"/> is the task's submission that recorded it (0: written before submissions were numbered);
/// a row is only ever replaced by a higher one, so a slow writer of an older submission cannot undo a newer one.
/// </summary>
public sealed record DecisionRecord(
    string PositionId,
    string TaskId,
    int Round,
    ProposedAction Action,
    string? Justification,
    string DecidedBy,
    string DecidedByName,
    DateTimeOffset DecidedAt,
    string Channel,
    string? SourceAddress,
    int Submission = 0);
