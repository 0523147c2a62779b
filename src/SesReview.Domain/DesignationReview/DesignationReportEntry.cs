using SesReview.Domain.Model;

namespace SesReview.Domain.DesignationReview;

/// <summary>One identified position as it goes to OPM: what it is, why it was identified, and what was decided.</summary>
public sealed record DesignationReportEntry(
    Position Position,
    DesignationAssessment Assessment,
    IReadOnlyList<DesignationChange> DesignationHistory,
    PositionDecision? Decision);
