using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Web.Access;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary><c>POST /api/inventories</c> (staff only): a CHCO uploads the position inventory a cycle will start from.</summary>
internal static class InventoryApi
{
    public static void MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inventories").WithTags("Inventories");
        group.MapPost("/", Upload).DisableAntiforgery().RequireAuthorization(AccessPolicies.Staff);
    }

    internal static async Task<Results<Created<InventoryUpload>, ProblemHttpResult>> Upload(
        HttpContext context, [FromServices] IInventoryUploads uploads, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType) return Problems.Field("file", "Send the inventory as multipart/form-data with a 'file' field.");
        var form = await UploadForm.ReadAsync(context.Request, cancellationToken);
        if (form is null) return Problems.TooLarge(UploadForm.MaxBytes);
        var (request, errors) = UploadForm.ToUploadRequest(form);
        if (request is null) return Problems.Fields(errors);
        await using (request.Content)
        {
            var result = await uploads.UploadAsync(request, RequestContext.Actor(context), cancellationToken);
            if (!result.Succeeded) return Problems.Import(result);
            return TypedResults.Created($"/api/inventories/{Uri.EscapeDataString(result.Upload!.UploadId)}", result.Upload);
        }
    }
}
