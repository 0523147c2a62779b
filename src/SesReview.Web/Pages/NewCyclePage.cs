using SesReview.Web.Access;
using SesReview.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Pages;

/// <summary><c>/cycles/new</c> (staff only): upload an inventory and start a cycle from one form; errors come back listed beside the kept values.</summary>
internal static class NewCyclePage
{
    public static void MapNewCyclePages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cycles/new").ExcludeFromDescription().RequireAuthorization(AccessPolicies.Staff);
        group.MapGet("/", (HttpContext context, [FromServices] CycleDefaults defaults, string? inventoryUploadId, string? plumUploadId) =>
            Render(context, NewCycleForm.Initial(defaults) with { InventoryUploadId = inventoryUploadId?.Trim() ?? "", PlumUploadId = plumUploadId?.Trim() ?? "" }, [], [], StatusCodes.Status200OK));
        group.MapPost("/", Submit).DisableAntiforgery();
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult>> Submit(
        HttpContext context, [FromServices] ICycleService cycles, [FromServices] IInventoryUploads uploads, [FromServices] PlumUploads plumUploads,
        CancellationToken cancellationToken)
    {
        if (context.Request.HasFormContentType && !await AntiforgeryField.IsValidAsync(context))
        {
            return Render(context, NewCycleForm.Blank, [], [new FieldError("form", "The form has expired or did not come from this site; reload the page and try again.")],
                StatusCodes.Status400BadRequest);
        }
        var formData = context.Request.HasFormContentType ? await UploadForm.ReadAsync(context.Request, cancellationToken) : null;
        if (formData is null)
        {
            return Render(context, NewCycleForm.Blank, [], [new FieldError("file", $"The form could not be read (uploads are limited to {UploadForm.MaxBytes / (1024 * 1024)} MB).")],
                StatusCodes.Status400BadRequest);
        }
        var form = NewCycleForm.From(formData);
        string? uploadId = null;
        if (formData.Files.GetFile("file") is { Length: > 0 })
        {
            var (upload, uploadErrors) = UploadForm.ToUploadRequest(formData);
            if (upload is null) return Render(context, form, [], uploadErrors, StatusCodes.Status400BadRequest);
            await using (upload.Content)
            {
                var result = await uploads.UploadAsync(upload, RequestContext.Actor(context), cancellationToken);
                if (!result.Succeeded) return Render(context, form, result.Errors, [], StatusCodes.Status400BadRequest, result.TotalErrorCount);
                uploadId = result.Upload!.UploadId;
                form = form with { InventoryUploadId = uploadId };
            }
        }
        else if (form.InventoryUploadId.Length == 0)
        {
            return Render(context, form, [], [new FieldError("file", "Choose an inventory workbook (.xlsx) or a PLUM export (.csv).")], StatusCodes.Status400BadRequest);
        }

        if (formData.Files.GetFile(PlumCrossCheckRequest.FileField) is { Length: > 0 } plumFile)
        {
            var (plum, imported) = await PlumCrossCheckRequest.KeepAsync(plumFile, plumUploads, RequestContext.Actor(context), cancellationToken);
            if (plum is null) return Render(context, form, imported.Errors, [], StatusCodes.Status400BadRequest, imported.TotalErrorCount);
            form = form with { PlumUploadId = plum.UploadId };
        }

        var (request, errors) = form.ToRequest(uploadId);
        if (errors.Count > 0) return Render(context, form, [], errors, StatusCodes.Status400BadRequest);
        try
        {
            var input = await cycles.StartAsync(request, RequestContext.Actor(context), RequestContext.WebOrigin(context), cancellationToken);
            return TypedResults.Redirect($"/cycles/{Html.Segment(input.CycleId)}");
        }
        catch (CycleRequestException e)
        {
            return Render(context, form, [], e.Errors, StatusCodes.Status400BadRequest);
        }
    }

    private static ContentHttpResult Render(
        HttpContext context, NewCycleForm f, IReadOnlyList<ImportError> importErrors, IReadOnlyList<FieldError> fieldErrors, int statusCode,
        int? totalImportErrors = null)
    {
        var importHeading = totalImportErrors > importErrors.Count
            ? $"The inventory file has {totalImportErrors:N0} errors (the first {importErrors.Count:N0} are listed); nothing was saved."
            : "The inventory file has errors; nothing was saved.";
        static HtmlText Input(string label, string name, string value, string type = "text") =>
            Html.Of($"""<label class="usa-label" for="field-{name}">{label}</label><input class="usa-input" id="field-{name}" type="{type}" name="{name}" value="{value}">""");
        static HtmlText Selected(bool on) => on ? new HtmlText(" selected") : HtmlText.Empty;

        var content = Html.Of($"""
            {Layout.Errors(importHeading, importErrors.Select(e => (Where(e), e.Message)))}
            {Layout.Errors("The cycle was not started.", fieldErrors.Select(e => (ErrorEcho.Shorten(e.Field), ErrorEcho.ShortenMessage(e.Message))))}
            <form method="post" action="/cycles/new" enctype="multipart/form-data" class="usa-form usa-form--large">{AntiforgeryField.For(context)}
            <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">Inventory</legend>
            {(f.InventoryUploadId.Length > 0 ? Html.Of($"""<p>Uploaded inventory <code>{f.InventoryUploadId}</code> is kept; choose a file only to replace it.</p><input type="hidden" name="inventoryUploadId" value="{f.InventoryUploadId}">""") : HtmlText.Empty)}
            <label class="usa-label" for="field-file">Inventory workbook (.xlsx) or PLUM export (.csv)</label><input class="usa-input" id="field-file" type="file" name="file" accept=".xlsx,.csv">
            <p><a class="usa-link" href="/plum-check{(f.InventoryUploadId.Length > 0 ? "?inventoryUploadId=" + Uri.EscapeDataString(f.InventoryUploadId) : "")}">Check an uploaded inventory against OPM's PLUM export</a> before starting.</p>
            {Input("PLUM export only: agency", "plumAgency", f.PlumAgency)}
            {Input("PLUM export only: positions known General as of (yyyy-MM-dd)", "plumKnownGeneralAsOf", f.PlumKnownGeneralAsOf, "date")}
            {Input("PLUM export only: snapshot date (yyyy-MM-dd; blank: the known-General date)", "plumSnapshotDate", f.PlumSnapshotDate, "date")}
            {NewCycleHints.Plum()}
            </fieldset>
            <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">PLUM cross-check (designation review)</legend>
            {(f.PlumUploadId.Length > 0 ? Html.Of($"""<p>PLUM file <code>{f.PlumUploadId}</code> is kept; choose a file only to replace it.</p><input type="hidden" name="plumUploadId" value="{f.PlumUploadId}">""") : HtmlText.Empty)}
            <label class="usa-label" for="field-plum-file">OPM PLUM export the inventory was checked against (.csv, the full file; optional)</label><input class="usa-input" id="field-plum-file" type="file" name="{PlumCrossCheckRequest.FileField}" accept=".csv">
            <p class="usa-hint">The cycle keeps it and offers a working copy of the OPM report with a "PLUM cross-check" sheet.</p>
            <div class="usa-checkbox"><input class="usa-checkbox__input" id="field-include-plum" type="checkbox" name="includePlumCrossCheck" value="on"{(f.IncludePlumCrossCheck ? new HtmlText(" checked") : HtmlText.Empty)}><label class="usa-checkbox__label" for="field-include-plum">Include the PLUM cross-check sheet in the package sent to OPM too</label></div>
            </fieldset>
            <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">Cycle</legend>
            <label class="usa-label" for="field-kind">Kind</label><select class="usa-select" id="field-kind" name="kind">
            <option value="{CycleKinds.Designation}"{Selected(f.Kind == CycleKinds.Designation)}>Career reserved designation review (memo of February 5, 2025)</option>
            <option value="{CycleKinds.Allocation}"{Selected(f.Kind == CycleKinds.Allocation)}>Executive allocation review (memo of November 24, 2025)</option>
            </select>
            {Input("Agency (as the inventory names it)", "agency", f.Agency)}
            {Input("Memo date (blank: today)", "memoDate", f.MemoDate, "date")}
            {Input("Deadline (blank: computed by the rules, below)", "deadline", f.Deadline, "date")}
            {NewCycleHints.Dates(context.RequestServices.GetRequiredService<CycleDefaults>())}
            </fieldset>
            <fieldset class="usa-fieldset"><legend class="usa-legend usa-legend--large">People</legend>
            {Input("CHCO name", "chcoName", f.ChcoName)}{Input("CHCO email", "chcoEmail", f.ChcoEmail, "email")}
            {Input("Signer name (blank: the CHCO)", "signerName", f.SignerName)}{Input("Signer email", "signerEmail", f.SignerEmail, "email")}
            {Input("Signer title, printed on the allocation workbook (blank: Agency head)", "signerTitle", f.SignerTitle)}
            <label class="usa-label" for="field-approvers">Approvers, one per line as <code>component; name; email</code> (components without one go to the CHCO)</label>
            <textarea class="usa-textarea" id="field-approvers" name="approvers" rows="6">{f.Approvers}</textarea>
            </fieldset>
            <button class="usa-button margin-top-3" type="submit">Upload and start the cycle</button>
            </form>
            """);
        return PageResults.Page(context, "New cycle", content, statusCode);
    }

    private static string Where(ImportError e) =>
        string.Join(", ", new[] { e.File, e.Sheet is null ? null : $"sheet {e.Sheet}", e.Row is null ? null : $"row {e.Row}",
            e.Column is null ? null : $"column {e.Column}", e.Value is null ? null : $"value '{e.Value}'" }.OfType<string>());
}
