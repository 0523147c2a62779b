namespace SesReview.Workflows.Cycles;

/// <summary>Where a cycle is; shown in its custom status and on the dashboard.</summary>
public enum CyclePhase
{
    Loading,
    Assessing,
    Planning,
    /// <summary>Designation review: approvers decide identified positions.</summary>
    AwaitingDecisions,
    /// <summary>Allocation review: component heads propose adjustments.</summary>
    AwaitingProposals,
    Consolidating,
    BuildingPackage,
    AwaitingSignOff,
    Submitting,
    Submitted,
}
