using SesReview.Domain.DesignationReview;

namespace SesReview.Workflows.Approvals;

/// <summary>An approver's decision on one position, with who made it, when, through which channel and from where.</summary>
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
    string? SourceAddress);
