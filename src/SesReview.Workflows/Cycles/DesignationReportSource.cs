using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// The OPM designation report of a cycle from what is stored: every assessed position and each decision that came in
/// before its task closed. One place, so the package sent to OPM and the CHCO's working copy say the same.
/// </summary>
public static class DesignationReportSource
{
    public static async Task<DesignationReport> BuildAsync(CycleStore store, CycleInput cycle, PositionInventory inventory, CancellationToken ct)
    {
        var assessments = (await store.ListPositionsAsync(cycle.CycleId, ct)).Where(p => p.Assessment is not null).Select(p => p.Assessment!);
        var closedAt = await ClosedAtAsync(store, cycle.CycleId, ct);
        var decisions = (await store.ListDecisionsAsync(cycle.CycleId, ct))
            .Where(d => !IsLate(closedAt, d.TaskId, d.DecidedAt))
            .Select(d => new PositionDecision(d.PositionId, d.Action, d.Justification, d.DecidedBy, d.DecidedAt));
        return DesignationReportBuilder.Build(cycle.Agency, inventory, assessments, decisions, cycle.MemoDate, cycle.DueDate);
    }

    /// <summary>When each task closed at a cut-off, by task id.</summary>
    public static async Task<Dictionary<string, DateTimeOffset>> ClosedAtAsync(CycleStore store, string cycleId, CancellationToken ct) =>
        (await store.ListTasksAsync(cycleId, ct))
            .Where(t => t.State == TaskState.ClosedAtCutOff && t.CompletedAt is not null)
            .ToDictionary(t => t.TaskId, t => t.CompletedAt!.Value, StringComparer.Ordinal);

    /// <summary>
    /// An answer saved after its task was closed at the cut-off (a page POST that raced the close) is not reported:
    /// the cut-off's audit entry already counted those positions as undecided.
    /// </summary>
    public static bool IsLate(Dictionary<string, DateTimeOffset> closedAt, string taskId, DateTimeOffset at) =>
        closedAt.TryGetValue(taskId, out var closed) && at > closed;
}
