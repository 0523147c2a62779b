using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>Reads multipart forms with the upload size limit, and turns an inventory form into an upload request.</summary>
internal static class UploadForm
{
    /// <summary>Largest request that carries an inventory file (the largest department's workbook is a few MB).</summary>
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <summary>The form, or null when the body is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>The upload request of the form's <c>file</c> with the optional PLUM fields, or the errors naming each bad field.</summary>
    public static (InventoryUploadRequest? Request, List<FieldError> Errors) ToUploadRequest(IFormCollection form)
    {
        var errors = new List<FieldError>();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) errors.Add(new FieldError("file", "Choose an inventory workbook (.xlsx) or a PLUM export (.csv) to upload."));
        var knownGeneral = Date(form, "plumKnownGeneralAsOf", errors);
        var snapshot = Date(form, "plumSnapshotDate", errors);
        var agency = form["plumAgency"].ToString() is { Length: > 0 } a ? a.Trim() : null;
        if (errors.Count > 0 || file is null) return (null, errors);
        return (new InventoryUploadRequest(Path.GetFileName(file.FileName), file.OpenReadStream(), agency, knownGeneral, snapshot), errors);
    }

    private static DateOnly? Date(IFormCollection form, string field, List<FieldError> errors) =>
        Date(field, form[field].ToString().Trim(), errors);

    /// <summary>
    /// A yyyy-MM-dd form field within <see cref="FieldLimits.EarliestDate"/> … <see cref="FieldLimits.LatestDate"/>;
    /// empty is null; anything else adds an error naming the field.
    /// </summary>
    internal static DateOnly? Date(string field, string text, List<FieldError> errors)
    {
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (FieldLimits.CheckDate(field, date) is not { } outside) return date;
            errors.Add(new FieldError(field, outside));
            return null;
        }
        errors.Add(new FieldError(field, $"'{ErrorEcho.Shorten(text)}' is not a date written as yyyy-MM-dd."));
        return null;
    }
}
