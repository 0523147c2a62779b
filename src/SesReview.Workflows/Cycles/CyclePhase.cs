namespace SesReview.Workflows.Cycles;

/// <summary>Where a cycle is; shown in its custom status and on the dashboard.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CyclePhase>))]
public enum CyclePhase
{
    Loading,
    Assessing,
    Planning,
    /// <summary>Designation review: approvers decide identified positions.</summary>
    AwaitingDecisions,
    /// <summary>Allocation review: component heads propose adjustments.</summary>
    AwaitingProposals,
    /// <summary>Allocation review: proposals are consolidated and the limits checked (the draft workbook).</summary>
    Consolidating,
    BuildingPackage,
    AwaitingSignOff,
    Submitting,
    Submitted,
}
