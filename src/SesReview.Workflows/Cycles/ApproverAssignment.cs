namespace SesReview.Workflows.Cycles;

/// <summary>Who decides the positions (or proposes the allocations) of one component. One person may hold several components.</summary>
public sealed record ApproverAssignment(string Component, Person Approver);
