using SesReview.Domain.Model;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// A component head's proposed adjustment to one allocation (negative gives positions back). <paramref name="Submission"/>:
/// as on <see cref="DecisionRecord"/>, a row is only replaced by a higher one.
/// </summary>
public sealed record ProposalRecord(
    string Component,
    PayPlan PayPlan,
    int Adjustment,
    string? Reason,
    string? Justification,
    string TaskId,
    int Round,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    int Submission = 0);

/// <summary>A position a component head proposes to redesignate (CR ↔ GE) in the allocation review; <paramref name="Submission"/> as above.</summary>
public sealed record RedesignationRecord(
    string PositionId,
    string Component,
    Domain.Model.Designation To,
    string Justification,
    string TaskId,
    int Round,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    int Submission = 0);
