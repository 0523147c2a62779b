namespace SesReview.Workflows.Cycles;

/// <summary>The two reviews OPM asked for.</summary>
public enum CycleKind
{
    /// <summary>Career reserved designation review (OPM memo of February 5, 2025): <c>designation-review</c>.</summary>
    DesignationReview,
    /// <summary>Executive allocation review (OPM memo of November 24, 2025): <c>allocation-review</c>.</summary>
    AllocationReview,
}

public static class CycleKinds
{
    public const string Designation = "designation-review";
    public const string Allocation = "allocation-review";

    public static string ToSlug(this CycleKind kind) => kind == CycleKind.DesignationReview ? Designation : Allocation;

    public static bool TryParse(string? value, out CycleKind kind)
    {
        kind = CycleKind.DesignationReview;
        if (string.Equals(value, Designation, StringComparison.OrdinalIgnoreCase)) return true;
        kind = CycleKind.AllocationReview;
        return string.Equals(value, Allocation, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Name of the orchestrator that runs a cycle of this kind.</summary>
    public static string OrchestratorName(this CycleKind kind) =>
        kind == CycleKind.DesignationReview ? Orchestrations.OrchestratorNames.DesignationCycle : Orchestrations.OrchestratorNames.AllocationCycle;
}
