using SesReview.Domain.PlumCrossCheck;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Inventory;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// The CHCO's working copy of a designation review's OPM report: the report as the package builder would write it now,
/// plus the "PLUM cross-check" sheet against the PLUM export the cycle kept. What goes to OPM leaves that sheet out
/// unless the cycle was started with <see cref="CycleInput.IncludePlumCrossCheck"/>.
/// </summary>
public sealed class WorkingCopies(CycleStore store, IInventoryUploads uploads, PlumUploads plumUploads)
{
    /// <summary>The working copy, or null when the cycle kept no PLUM file (or is not a designation review).</summary>
    public async Task<PackageFile?> BuildAsync(CycleInput cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (cycle.Kind != CycleKind.DesignationReview || await CrossCheckAsync(cycle, cancellationToken) is not { } crossCheck) return null;
        var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, cancellationToken);
        var report = await DesignationReportSource.BuildAsync(store, cycle, inventory, cancellationToken);
        using var output = new MemoryStream();
        DesignationReportWriter.Write(report, output, crossCheck);
        var bytes = output.ToArray();
        return new PackageFile($"{cycle.CycleId}-working-copy.xlsx", bytes, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant());
    }

    /// <summary>The cycle's inventory cross-checked against its PLUM file on the cycle's assessment date; null without a PLUM file.</summary>
    public async Task<PlumCrossCheckResult?> CrossCheckAsync(CycleInput cycle, CancellationToken cancellationToken = default)
    {
        if (cycle.PlumUploadId is null) return null;
        var plum = await plumUploads.LoadAsync(cycle.PlumUploadId, cancellationToken)
            ?? throw new InvalidOperationException($"PLUM upload '{cycle.PlumUploadId}' of cycle '{cycle.CycleId}' does not exist.");
        var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, cancellationToken);
        return PlumCrossChecker.Check(inventory, plum, cycle.AsOf);
    }
}
