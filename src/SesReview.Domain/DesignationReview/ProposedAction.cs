namespace SesReview.Domain.DesignationReview;

/// <summary>What the February 5, 2025 memo asks of one position.</summary>
public enum ProposedAction
{
    /// <summary>Not identified, or identified and still General: nothing to change (identified ones are still reported).</summary>
    NoAction,
    /// <summary>Identified and redesignated Career Reserved since: the default is to revert it to General.</summary>
    RevertToGeneral,
    /// <summary>The agency head asks OPM to keep it Career Reserved; a written justification is required.</summary>
    RequestRetention,
}
