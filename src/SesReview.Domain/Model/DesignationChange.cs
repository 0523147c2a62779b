namespace SesReview.Domain.Model;

/// <summary>A position's designation from <paramref name="EffectiveDate"/> until the next change.</summary>
public sealed record DesignationChange(string PositionId, Designation Designation, DateOnly EffectiveDate);
