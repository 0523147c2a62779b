namespace SesReview.Domain.PlumCrossCheck;

/// <summary>One difference to resolve, naming both sides and how sure the match behind it is.</summary>
/// <param name="InventoryPositionId">The agency's position number; null when no inventory position matched.</param>
/// <param name="PlumPositionId">The PLUM importer's position id ("PLUM-…"); null when the position is not in PLUM.</param>
/// <param name="Detail">The difference in words, with the values of both sides.</param>
public sealed record PlumDifference(
    PlumDifferenceKind Kind,
    MatchConfidence Confidence,
    string? InventoryPositionId,
    string? PlumPositionId,
    string Agency,
    string Organization,
    string Title,
    string? Incumbent,
    string Detail);
