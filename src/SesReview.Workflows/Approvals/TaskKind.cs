namespace SesReview.Workflows.Approvals;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    /// <summary>Designation review: decide each identified position (revert, or request retention with a justification).</summary>
    Decision,
    /// <summary>Allocation review: a component head proposes adjustments to the component's allocations.</summary>
    Proposal,
    /// <summary>The signer approves the package or sends it back with a note.</summary>
    SignOff,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TaskState>))]
public enum TaskState
{
    Open,
    Completed,
    /// <summary>The internal cut-off passed first; undecided positions are reported as pending.</summary>
    ClosedAtCutOff,
    /// <summary>The cycle was cancelled.</summary>
    Cancelled,
}
