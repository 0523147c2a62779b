using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Web.Access;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>
/// <c>POST /api/plum-cross-check</c> (staff only; multipart with <c>inventoryUploadId</c> and <c>plumFile</c>): the differences
/// between an uploaded inventory and OPM's PLUM export that the CHCO resolves before the cycle starts. Stores nothing.
/// </summary>
internal static class PlumCrossCheckApi
{
    public static void MapPlumCrossCheckApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/plum-cross-check").WithTags("PLUM cross-check")
            .MapPost("/", Check).DisableAntiforgery().RequireAuthorization(AccessPolicies.Staff);
    }

    /// <summary>With <c>?format=xlsx</c> the answer is the "PLUM cross-check" sheet as a workbook, for the CHCO's working copy.</summary>
    internal static async Task<Results<Ok<PlumCrossCheckResult>, FileContentHttpResult, ProblemHttpResult>> Check(
        HttpContext context, [FromServices] IInventoryUploads uploads, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
            return Problems.Field(PlumCrossCheckRequest.FileField, "Send multipart/form-data with 'inventoryUploadId' and 'plumFile' fields.");
        var form = await UploadForm.ReadAsync(context.Request, cancellationToken);
        if (form is null) return Problems.TooLarge(UploadForm.MaxBytes);
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var outcome = await PlumCrossCheckRequest.RunAsync(form, uploads, time, cancellationToken);
        if (outcome.Errors.Count > 0) return Problems.Fields(outcome.Errors);
        if (outcome.Result is null)
        {
            return Problems.Fields(outcome.ImportErrors.Select(e => new FieldError(PlumCrossCheckRequest.FileField, e.ToString())),
                $"The PLUM file has {outcome.TotalImportErrors:N0} errors; nothing was checked.");
        }
        if (string.Equals(context.Request.Query["format"], "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            var workbook = new MemoryStream();
            SesReview.Workbooks.Export.PlumCrossCheckSheet.Write(outcome.Result, workbook);
            return TypedResults.File(workbook.ToArray(), SesReview.Workflows.Cycles.PackageFile.ContentType, "plum-cross-check.xlsx");
        }
        return TypedResults.Ok(outcome.Result);
    }
}
