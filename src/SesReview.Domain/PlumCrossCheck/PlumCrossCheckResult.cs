namespace SesReview.Domain.PlumCrossCheck;

/// <summary>The cross-check of an inventory against a PLUM export.</summary>
/// <param name="InventoryPositions">Inventory positions checked (ES, SL and ST).</param>
/// <param name="PlumPositions">PLUM positions of the inventory's agencies (rows of other agencies are ignored).</param>
/// <param name="MatchedByConfidence">Pairs matched, per confidence.</param>
public sealed record PlumCrossCheckResult(
    int InventoryPositions,
    int PlumPositions,
    IReadOnlyDictionary<MatchConfidence, int> MatchedByConfidence,
    IReadOnlyList<PlumDifference> Differences)
{
    public int Matched => MatchedByConfidence.Values.Sum();
}
