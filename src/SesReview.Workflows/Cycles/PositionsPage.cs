namespace SesReview.Workflows.Cycles;

/// <summary>One page of a cycle's positions and how many positions the cycle has in all.</summary>
public sealed record PositionsPage(IReadOnlyList<PositionState> Positions, int Total);
