namespace SesReview.Workflows.Cycles;

/// <summary>
/// Says in words why a cycle needs someone's attention: it failed (with the engine's reason), it was never taken up by a
/// worker, or it has made no progress for longer than any retry could explain while nobody's answer is awaited. The
/// engine retries a poison message for ever, so the product must notice a silent stall itself.
/// </summary>
public static class CycleHealth
{
    /// <summary>Longer than a whole activity retry policy (2 min 35 s by default) plus a worker restart (≤ 60 s).</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(10);

    /// <summary>Phases in which the cycle works on its own; in the others it waits for people, possibly for days.</summary>
    private static readonly HashSet<CyclePhase> WorkingPhases =
        [CyclePhase.Loading, CyclePhase.Assessing, CyclePhase.Planning, CyclePhase.Consolidating, CyclePhase.BuildingPackage, CyclePhase.Submitting];

    /// <returns>null when the cycle is healthy (running as expected, or finished normally).</returns>
    public static string? Describe(string runtimeStatus, CyclePhase? phase, string? failure, DateTimeOffset createdAt, DateTimeOffset lastUpdatedAt, DateTimeOffset now)
    {
        switch (runtimeStatus)
        {
            case "Failed":
                return $"The cycle stopped with an error and will not continue: {failure ?? "no reason was recorded"}. " +
                       "Fix the cause, then start a new cycle with the same inventory.";
            case "Pending" when now - createdAt > StallAfter:
                return $"Not started {Minutes(now - createdAt)} after it was scheduled: no worker has taken it up. Check that the host is running " +
                       "and connected to the same storage account and task hub.";
            case "Running" when phase is { } p && WorkingPhases.Contains(p) && now - lastUpdatedAt > StallAfter:
                return $"No progress for {Minutes(now - lastUpdatedAt)} while {Describe(p)}: a step keeps failing and is being retried, or no " +
                       "worker is running. It fails with the step's error once its retries are used up.";
            default:
                return null;
        }
    }

    private static string Minutes(TimeSpan span) => span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : $"{span.TotalMinutes:0} minutes";

    private static string Describe(CyclePhase phase) => phase switch
    {
        CyclePhase.Loading => "loading the inventory",
        CyclePhase.Assessing => "assessing positions",
        CyclePhase.Planning => "planning the approvers' tasks",
        CyclePhase.Consolidating => "consolidating proposals",
        CyclePhase.BuildingPackage => "building the package",
        CyclePhase.Submitting => "sending the package to OPM",
        _ => phase.ToString(),
    };
}
