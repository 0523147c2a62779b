namespace SesReview.Domain.PlumCrossCheck;

/// <summary>How sure the cross-check is that an inventory position and a PLUM position are the same (PLUM has no position number).</summary>
public enum MatchConfidence
{
    /// <summary>No position on the other side matched.</summary>
    None,
    /// <summary>Organization and title agree, but several positions share them and none names the same incumbent: paired in file order.</summary>
    Low,
    /// <summary>Two of organization, title and incumbent agree and the pair is the only one with those two.</summary>
    Medium,
    /// <summary>Organization, title and incumbent all agree.</summary>
    High,
}
