namespace SesReview.Domain.Model;

/// <summary>Authorized position count (allocation) of one component for one pay plan.</summary>
public sealed record Allocation(string Component, PayPlan PayPlan, int Allocated);
