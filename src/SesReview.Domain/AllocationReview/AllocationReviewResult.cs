namespace SesReview.Domain.AllocationReview;

/// <summary>The consolidated allocation review that becomes the agency adjustment workbook.</summary>
/// <param name="AgencyWarnings">Agency-level warnings, e.g. the 25% noncareer limit against resulting ES allocations.</param>
public sealed record AllocationReviewResult(
    string Agency,
    DateOnly DueDate,
    IReadOnlyList<AllocationLine> Lines,
    IReadOnlyList<RedesignationProposal> Redesignations,
    IReadOnlyList<string> AgencyWarnings);
