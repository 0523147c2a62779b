using SesReview.Domain.Model;

namespace SesReview.Workflows.Inventory;

public static class InventoryUploadsExtensions
{
    /// <summary>The parsed inventory of an upload a cycle was started from; throws when it is gone (it never should be).</summary>
    public static async Task<PositionInventory> RequireAsync(this IInventoryUploads uploads, string uploadId, CancellationToken cancellationToken = default) =>
        await uploads.LoadAsync(uploadId, cancellationToken) ?? throw new InvalidOperationException($"Inventory upload '{uploadId}' does not exist.");
}
