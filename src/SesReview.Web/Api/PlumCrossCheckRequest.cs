using SesReview.Domain.PlumCrossCheck;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>
/// The one handler behind <c>POST /api/plum-cross-check</c> and the <c>/plum-check</c> page: reads the form's
/// <c>inventoryUploadId</c> and <c>plumFile</c> (OPM's PLUM export CSV as it comes), keeps the PLUM file (so a cycle
/// started afterwards can hold on to it by its id) and cross-checks. The inventory is not changed.
/// </summary>
internal static class PlumCrossCheckRequest
{
    public const string UploadIdField = "inventoryUploadId";
    public const string FileField = "plumFile";

    public sealed record Outcome(
        PlumCrossCheckResult? Result, IReadOnlyList<FieldError> Errors, IReadOnlyList<ImportError> ImportErrors, int TotalImportErrors, string? PlumUploadId = null);

    public static async Task<Outcome> RunAsync(IFormCollection form, IInventoryUploads uploads, PlumUploads plumUploads, string actor, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var uploadId = form[UploadIdField].ToString().Trim();
        if (uploadId.Length == 0) errors.Add(new FieldError(UploadIdField, "Give the id of an uploaded inventory (the new-cycle page or POST /api/inventories returns it)."));
        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0) errors.Add(new FieldError(FileField, "Choose OPM's PLUM export (.csv), the full file as downloaded."));
        if (errors.Count > 0) return new(null, errors, [], 0);

        var inventory = await uploads.LoadAsync(uploadId, cancellationToken);
        if (inventory is null) return new(null, [new FieldError(UploadIdField, $"There is no uploaded inventory '{uploadId}'.")], [], 0);

        var (plum, imported) = await KeepAsync(file!, plumUploads, actor, cancellationToken);
        if (plum is null) return new(null, [], imported.Errors, imported.TotalErrorCount);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new(PlumCrossChecker.Check(inventory, imported.Value!.Inventory, today), [], [], 0, plum.UploadId);
    }

    /// <summary>Stores a PLUM export sent as a form file (validated by the PLUM importer first; nothing is stored on errors).</summary>
    public static async Task<(PlumUpload? Upload, ImportResult<PlumImport> Import)> KeepAsync(IFormFile file, PlumUploads plumUploads, string actor, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var content = file.OpenReadStream()) await content.CopyToAsync(buffer, cancellationToken);
        return await plumUploads.UploadAsync(Path.GetFileName(file.FileName), buffer.ToArray(), actor, cancellationToken: cancellationToken);
    }
}
