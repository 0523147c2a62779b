using SesReview.Domain.Model;

namespace SesReview.Workflows.Approvals;

/// <summary>A component head's proposed adjustment to one allocation (negative gives positions back).</summary>
public sealed record ProposalRecord(
    string Component,
    PayPlan PayPlan,
    int Adjustment,
    string? Reason,
    string? Justification,
    string TaskId,
    int Round,
    string ProposedBy,
    DateTimeOffset ProposedAt);

/// <summary>A position a component head proposes to redesignate (CR ↔ GE) in the allocation review.</summary>
public sealed record RedesignationRecord(
    string PositionId,
    string Component,
    Domain.Model.Designation To,
    string Justification,
    string TaskId,
    int Round,
    string ProposedBy,
    DateTimeOffset ProposedAt);
