namespace SesReview.Domain.DesignationReview;

/// <summary>An approver's decision on one identified position.</summary>
/// <param name="Action"><see cref="ProposedAction.RevertToGeneral"/> or <see cref="ProposedAction.RequestRetention"/>.</param>
/// <param name="Justification">Required (minimum length is a setting) when retention is requested.</param>
public sealed record PositionDecision(
    string PositionId,
    ProposedAction Action,
    string? Justification,
    string DecidedBy,
    DateTimeOffset DecidedAt);
