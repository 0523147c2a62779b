using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Cycles;

/// <summary>What the host's HTTP API does with cycles.</summary>
public interface ICycleService
{
    /// <summary>
    /// Validates the request against the stored inventory upload and settings, then schedules the cycle's orchestration.
    /// Throws <see cref="CycleRequestException"/> naming every bad field (nothing started).
    /// </summary>
    Task<CycleInput> StartAsync(StartCycleRequest request, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Every cycle, newest first.</summary>
    Task<IReadOnlyList<CycleSummary>> ListAsync(CancellationToken cancellationToken = default);

    Task<CycleDetails?> GetAsync(string cycleId, CancellationToken cancellationToken = default);

    /// <summary>Whether a cycle with this id was ever started (one read; for answering 404 without building the details).</summary>
    Task<bool> ExistsAsync(string cycleId, CancellationToken cancellationToken = default);

    /// <summary>Each assessed position with its decision (empty before assessment).</summary>
    Task<IReadOnlyList<PositionState>> GetPositionsAsync(string cycleId, CancellationToken cancellationToken = default);

    /// <summary>The positions <paramref name="skip"/>+1 to <paramref name="skip"/>+<paramref name="take"/> of <see cref="GetPositionsAsync"/>, without reading the others.</summary>
    Task<PositionsPage> GetPositionsPageAsync(string cycleId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>Terminates a running cycle with the reason (recorded in the audit trail); its task links then answer 410.</summary>
    Task<CancelOutcome> CancelAsync(string cycleId, string reason, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The latest package workbook of the cycle, or null before one is built.</summary>
    Task<PackageFile?> GetPackageAsync(string cycleId, CancellationToken cancellationToken = default);
}
