using SesReview.Domain.Model;

namespace SesReview.Domain.AllocationReview;

/// <summary>A position proposed for redesignation (CR ↔ GE) in the allocation review, listed by title.</summary>
public sealed record RedesignationProposal(
    string PositionId,
    string Component,
    string Title,
    Designation From,
    Designation To,
    string Justification);
