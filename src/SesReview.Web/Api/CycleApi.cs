using System.Text.Json;
using SesReview.Web.Access;
using SesReview.Web.Management;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Storage;

namespace SesReview.Web.Api;

/// <summary><c>/api/cycles</c>: start, list, inspect and cancel review cycles; download their package and audit trail. Start and cancel: staff only.</summary>
internal static class CycleApi
{
    public static void MapCycleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cycles").WithTags("Cycles");
        group.MapPost("/", Start).DisableAntiforgery().RequireAuthorization(AccessPolicies.Staff)
            .WithSummary(StartRequestDocs.Summary).WithDescription(StartRequestDocs.Description)
            .AddOpenApiOperationTransformer(StartRequestDocs.DescribeBodyAsync);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/positions", Positions);
        group.MapPost("/{id}/cancel", Cancel).RequireAuthorization(AccessPolicies.Staff);
        group.MapGet("/{id}/package", Package);
        group.MapGet("/{id}/audit", Audit);
        group.MapGet("/{id}/audit.xlsx", AuditWorkbook);
        group.MapGet("/{id}/working-copy.xlsx", WorkingCopy);
    }

    /// <summary>The body of <c>POST /api/cycles/{id}/cancel</c>.</summary>
    internal sealed record CancelRequest(string? Reason);

    internal static async Task<Results<Accepted<ManagementPayload>, ProblemHttpResult>> Start(
        HttpContext context, [FromServices] ICycleService cycles, [FromServices] IInventoryUploads uploads, [FromServices] PlumUploads plumUploads,
        CancellationToken cancellationToken)
    {
        StartCycleRequest? request;
        if (context.Request.HasFormContentType)
        {
            var form = await UploadForm.ReadAsync(context.Request, cancellationToken);
            if (form is null) return Problems.TooLarge(UploadForm.MaxBytes);
            request = Parse(form["request"].ToString(), out var parseError, out var errorPath);
            if (request is null) return Problems.Field(errorPath is null ? "request" : "request." + errorPath, parseError!);
            if (form.Files.GetFile("file") is not null)
            {
                var (upload, errors) = UploadForm.ToUploadRequest(form);
                if (upload is null) return Problems.Fields(errors);
                await using (upload.Content)
                {
                    var result = await uploads.UploadAsync(upload, RequestContext.Actor(context), cancellationToken);
                    if (!result.Succeeded) return Problems.Import(result);
                    request = request with { InventoryUploadId = result.Upload!.UploadId };
                }
            }
            if (form.Files.GetFile(PlumCrossCheckRequest.FileField) is { Length: > 0 } plumFile)
            {
                var (plum, imported) = await PlumCrossCheckRequest.KeepAsync(plumFile, plumUploads, RequestContext.Actor(context), cancellationToken);
                if (plum is null)
                {
                    return Problems.Fields(imported.Errors.Select(e => new FieldError(PlumCrossCheckRequest.FileField, e.ToString())),
                        $"The PLUM file has {imported.TotalErrorCount:N0} errors; the cycle was not started.");
                }
                request = request with { PlumUploadId = plum.UploadId };
            }
        }
        else if (!context.Request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(
                $"Send the cycle request as JSON with Content-Type: application/json (this request has '{ContentTypeOf(context.Request)}'), " +
                "or as multipart/form-data with 'request' and 'file' fields and the antiforgery token.");
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            request = Parse(await reader.ReadToEndAsync(cancellationToken), out var parseError, out var errorPath);
            if (request is null) return Problems.Field(errorPath ?? "$", parseError!);
        }

        try
        {
            var input = await cycles.StartAsync(request, RequestContext.Actor(context), RequestContext.ApiOrigin(context), cancellationToken);
            var payload = ManagementPayload.For(context.Request, input.CycleId);
            return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
        }
        catch (CycleRequestException e)
        {
            return Problems.Fields(e.Errors);
        }
    }

    private static string ContentTypeOf(HttpRequest request) =>
        request.ContentType is { Length: > 0 } type ? (type.Length > 100 ? type[..100] + "…" : type) : "no content type";

    /// <summary>The request, or an error naming the JSON path at fault (<c>memoDate</c>, <c>approvers[1].email</c>) when there is one.</summary>
    private static StartCycleRequest? Parse(string json, out string? error, out string? path)
    {
        error = null;
        path = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "Send the cycle request as JSON.";
            return null;
        }
        try
        {
            var request = JsonSerializer.Deserialize<StartCycleRequest>(json, WorkflowJson.Options);
            if (request is null) error = "Send the cycle request as a JSON object.";
            return request;
        }
        catch (JsonException e)
        {
            path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
            error = path is null ? $"The JSON could not be read: {e.Message}" : $"The value of '{path}' could not be read (dates are yyyy-MM-dd).";
            return null;
        }
    }

    internal static async Task<Ok<IReadOnlyList<CycleSummary>>> List([FromServices] ICycleService cycles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cycles.ListAsync(cancellationToken));

    internal static async Task<Results<Ok<CycleDetails>, ProblemHttpResult>> Get(string id, [FromServices] ICycleService cycles, CancellationToken cancellationToken) =>
        await cycles.GetAsync(id, cancellationToken) is { } details ? TypedResults.Ok(details) : Problems.NotFound($"There is no cycle '{id}'.");

    internal static async Task<Results<Ok<IReadOnlyList<PositionState>>, ProblemHttpResult>> Positions(
        string id, [FromServices] ICycleService cycles, CancellationToken cancellationToken)
    {
        if (!await cycles.ExistsAsync(id, cancellationToken)) return Problems.NotFound($"There is no cycle '{id}'.");
        return TypedResults.Ok(await cycles.GetPositionsAsync(id, cancellationToken));
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> Cancel(
        string id, HttpContext context, [FromServices] ICycleService cycles, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(
                $"Send {{ \"reason\": \"...\" }} with Content-Type: application/json (this request has '{ContentTypeOf(context.Request)}').");
        }
        CancelRequest? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<CancelRequest>(WorkflowJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.Field("reason", "Send { \"reason\": \"...\" } as JSON.");
        }
        if (string.IsNullOrWhiteSpace(body?.Reason)) return Problems.Field("reason", "Say why the cycle is cancelled; the reason goes into the audit trail.");
        return await cycles.CancelAsync(id, body.Reason.Trim(), RequestContext.Actor(context), RequestContext.ApiOrigin(context), cancellationToken) switch
        {
            CancelOutcome.Cancelled => TypedResults.Accepted($"/api/cycles/{Uri.EscapeDataString(id)}"),
            CancelOutcome.AlreadyFinished => TypedResults.Problem(title: "The cycle has already finished.", statusCode: StatusCodes.Status409Conflict),
            _ => Problems.NotFound($"There is no cycle '{id}'."),
        };
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Package(string id, [FromServices] ICycleService cycles, CancellationToken cancellationToken) =>
        await cycles.GetPackageAsync(id, cancellationToken) is { } file
            ? TypedResults.File(file.Content, PackageFile.ContentType, file.FileName)
            : Problems.NotFound($"Cycle '{id}' has no package yet (or there is no such cycle).");

    internal static async Task<Ok<IReadOnlyList<AuditEntry>>> Audit(string id, [FromServices] IAuditTrail audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.ListAsync(id, cancellationToken));

    /// <summary>
    /// The CHCO's working copy: the OPM report as it stands, with the "PLUM cross-check" sheet against the PLUM file the
    /// cycle kept. Staff and compliance, like the other downloads.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkingCopy(
        string id, [FromServices] ICycleService cycles, [FromServices] WorkingCopies workingCopies, CancellationToken cancellationToken)
    {
        if (await cycles.GetAsync(id, cancellationToken) is not { } cycle) return Problems.NotFound($"There is no cycle '{id}'.");
        return await workingCopies.BuildAsync(cycle.Input, cancellationToken) is { } file
            ? TypedResults.File(file.Content, PackageFile.ContentType, file.FileName)
            : Problems.NotFound($"Cycle '{id}' was started without a PLUM file, so it has no working copy with the PLUM cross-check.");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AuditWorkbook(
        string id, [FromServices] ICycleService cycles, [FromServices] IAuditTrail audit, CancellationToken cancellationToken)
    {
        if (!await cycles.ExistsAsync(id, cancellationToken)) return Problems.NotFound($"There is no cycle '{id}'.");
        var content = AuditWorkbookFile.Build(await audit.ListAsync(id, cancellationToken));
        return TypedResults.File(content, AuditWorkbookWriter.ContentType, $"{id}-audit.xlsx");
    }
}
