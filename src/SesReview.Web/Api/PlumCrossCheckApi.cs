using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Web.Access;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>
/// <c>POST /api/plum-cross-check</c> (staff only; multipart with <c>inventoryUploadId</c> and <c>plumFile</c>): the differences
/// between an uploaded inventory and OPM's PLUM export that the CHCO resolves before the cycle starts. The PLUM file is kept
/// (its id is in the answer as <c>plumUploadId</c>) so that the cycle started next can hold on to it for its working copy.
/// </summary>
internal static class PlumCrossCheckApi
{
    public static void MapPlumCrossCheckApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/plum-cross-check").WithTags("PLUM cross-check")
            .MapPost("/", Check).DisableAntiforgery().RequireAuthorization(AccessPolicies.Staff);
    }

    /// <summary>With <c>?format=xlsx</c> the answer is the "PLUM cross-check" sheet as a workbook, for the CHCO's working copy.</summary>
    /// <summary>The answer: the cross-check and the id under which the PLUM file is kept (give it as <c>plumUploadId</c> when starting the cycle).</summary>
    internal sealed record Answer(
        string PlumUploadId, int InventoryPositions, int PlumPositions, IReadOnlyDictionary<MatchConfidence, int> MatchedByConfidence, IReadOnlyList<PlumDifference> Differences);

    internal static async Task<Results<Ok<Answer>, FileContentHttpResult, ProblemHttpResult>> Check(
        HttpContext context, [FromServices] IInventoryUploads uploads, [FromServices] PlumUploads plumUploads, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
            return Problems.Field(PlumCrossCheckRequest.FileField, "Send multipart/form-data with 'inventoryUploadId' and 'plumFile' fields.");
        var form = await UploadForm.ReadAsync(context.Request, cancellationToken);
        if (form is null) return Problems.TooLarge(UploadForm.MaxBytes);
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var outcome = await PlumCrossCheckRequest.RunAsync(form, uploads, plumUploads, RequestContext.Actor(context), time, cancellationToken);
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
        var r = outcome.Result;
        return TypedResults.Ok(new Answer(outcome.PlumUploadId!, r.InventoryPositions, r.PlumPositions, r.MatchedByConfidence, r.Differences));
    }
}
