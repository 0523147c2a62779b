using SesReview.Domain.Model;

namespace SesReview.Domain.AllocationReview;

/// <summary>A component head's proposed change to one allocation.</summary>
public sealed record AdjustmentProposal(
    string Component,
    PayPlan PayPlan,
    int Adjustment,
    string? Reason,
    string? Justification);
