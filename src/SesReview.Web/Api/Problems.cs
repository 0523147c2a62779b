using Microsoft.AspNetCore.Http.HttpResults;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Api;

/// <summary>
/// RFC 9457 problem details for the API's errors; <c>errors</c> lists every fault, never just the first, except that
/// an import lists its first <see cref="ImportResult{T}.MaxReportedErrors"/> and gives the total as <c>errorCount</c>.
/// Messages are cut to <see cref="ErrorEcho.MaxMessageChars"/> so no request value comes back whole.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Fields(IEnumerable<FieldError> errors, string title = "The request is not valid.") =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => new { field = ErrorEcho.Shorten(e.Field), message = ErrorEcho.ShortenMessage(e.Message) }).ToList(),
        });

    public static ProblemHttpResult Field(string field, string message) => Fields([new FieldError(field, message)]);

    /// <summary>The import's errors (each already shortened, see <see cref="ImportError"/>) and their total count.</summary>
    public static ProblemHttpResult Import(InventoryUploadResult result) =>
        TypedResults.Problem(title: "The inventory file has errors; nothing was saved.", statusCode: StatusCodes.Status400BadRequest,
            detail: result.TotalErrorCount > result.Errors.Count
                ? $"{result.TotalErrorCount:N0} errors were found; the first {result.Errors.Count:N0} are listed."
                : null,
            extensions: new Dictionary<string, object?>
            {
                ["errorCount"] = result.TotalErrorCount,
                ["errors"] = result.Errors.Select(e => new { file = e.File, sheet = e.Sheet, row = e.Row, column = e.Column, value = e.Value, message = e.Message }).ToList(),
            });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found.", detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>The body's content type is not one the route reads (a cross-site page can send only forms and text/plain without a preflight).</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Unsupported content type.", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(title: "The request is too large.", detail: $"Uploads are limited to {limit / (1024 * 1024)} MB.",
            statusCode: StatusCodes.Status413PayloadTooLarge);
}
