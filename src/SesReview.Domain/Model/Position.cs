namespace SesReview.Domain.Model;

/// <summary>An executive position as the agency's inventory lists it.</summary>
/// <param name="PositionId">The agency's position number; unique within an inventory.</param>
/// <param name="Component">Component or organization within the agency (the unit allocations are counted by).</param>
public sealed record Position(
    string PositionId,
    string Agency,
    string Component,
    string Title,
    PayPlan PayPlan,
    string Location);
