using SesReview.Domain.Model;

namespace SesReview.Workflows.Inventory;

/// <summary>Inventories uploaded by a CHCO: validated in full before anything is stored.</summary>
public interface IInventoryUploads
{
    Task<InventoryUploadResult> UploadAsync(InventoryUploadRequest request, string actor, CancellationToken cancellationToken = default);

    Task<InventoryUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>The parsed inventory of an upload (kept in memory after the first load), or null when there is no such upload.</summary>
    Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default);
}
