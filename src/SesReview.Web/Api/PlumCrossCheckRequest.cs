using SesReview.Domain.PlumCrossCheck;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>
/// The one handler behind <c>POST /api/plum-cross-check</c> and the <c>/plum-check</c> page: reads the form's
/// <c>inventoryUploadId</c> and <c>plumFile</c> (OPM's PLUM export CSV as it comes), imports the PLUM file and cross-checks.
/// Nothing is stored.
/// </summary>
internal static class PlumCrossCheckRequest
{
    public const string UploadIdField = "inventoryUploadId";
    public const string FileField = "plumFile";

    public sealed record Outcome(PlumCrossCheckResult? Result, IReadOnlyList<FieldError> Errors, IReadOnlyList<ImportError> ImportErrors, int TotalImportErrors);

    public static async Task<Outcome> RunAsync(IFormCollection form, IInventoryUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var uploadId = form[UploadIdField].ToString().Trim();
        if (uploadId.Length == 0) errors.Add(new FieldError(UploadIdField, "Give the id of an uploaded inventory (the new-cycle page or POST /api/inventories returns it)."));
        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0) errors.Add(new FieldError(FileField, "Choose OPM's PLUM export (.csv), the full file as downloaded."));
        if (errors.Count > 0) return new(null, errors, [], 0);

        var inventory = await uploads.LoadAsync(uploadId, cancellationToken);
        if (inventory is null) return new(null, [new FieldError(UploadIdField, $"There is no uploaded inventory '{uploadId}'.")], [], 0);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        ImportResult<PlumImport> imported;
        await using (var content = file!.OpenReadStream())
        {
            imported = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = today, SnapshotDate = today }).Import(content, Path.GetFileName(file.FileName));
        }
        if (!imported.Succeeded) return new(null, [], imported.Errors, imported.TotalErrorCount);
        return new(PlumCrossChecker.Check(inventory, imported.Value!.Inventory, today), [], [], 0);
    }
}
