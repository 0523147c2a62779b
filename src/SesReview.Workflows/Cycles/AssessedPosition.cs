using SesReview.Domain.DesignationReview;

namespace SesReview.Workflows.Cycles;

/// <summary>A position of the cycle's agency as assessed (stored so that pages and the report read it without re-assessing).</summary>
public sealed record AssessedPosition(string PositionId, string Component, string Title, string PayPlan, DesignationAssessment? Assessment);
