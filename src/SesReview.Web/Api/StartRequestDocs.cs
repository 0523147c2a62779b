using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Api;

/// <summary>The description of <c>POST /api/cycles</c> in the OpenAPI document: every field of the start request and an example.</summary>
internal static class StartRequestDocs
{
    public const string Summary = "Start a review cycle";

    /// <summary>
    /// Adds the JSON body's schema to the document. Done here rather than with <c>Accepts&lt;T&gt;</c>, whose content-type
    /// matching would answer a wrong Content-Type with a bare 415 before the handler can say what to send.
    /// </summary>
    public static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(StartCycleRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    public const string Description = """
        Starts a designation review or an allocation review from an uploaded inventory. Send the request as JSON
        (Content-Type: application/json), or as multipart/form-data with the JSON in a `request` field and the inventory
        in a `file` field (plus the PLUM fields `plumAgency`, `plumKnownGeneralAsOf`, `plumSnapshotDate` for a PLUM export),
        optionally OPM's PLUM export the inventory was cross-checked against in a `plumFile` field, and the antiforgery token. Every bad field is named at once in a 400 problem (`errors`, keyed by field).

        Fields (dates are yyyy-MM-dd):
        - `kind` (required): `designation-review` or `allocation-review`.
        - `agency` (required): the agency exactly as the inventory names it.
        - `inventoryUploadId` (required unless a `file` is sent): the id `POST /api/inventories` returned.
        - `chco` (required): `{ "name", "email", "teamsUserId"? }`, who runs the cycle and receives escalations.
        - `signer`: `{ "name", "email", "title"? }`, who signs the package off (blank: the CHCO); `title` is printed under
          the signature of the allocation workbook (blank: "Agency head").
        - `approvers`: `[{ "component", "approver": { "name", "email" } }]`, one per component; components without one go to the CHCO.
        - `memoDate`: blank is today in the agency's time zone. The memos' own dates (2025-02-05, 2025-11-24) are examples.
        - `deadline`: OPM's due date (close of business, moved to the next business day when the office is closed). Blank is
          the memo date + 45 calendar days (designation review) or + 25 (allocation review). A deadline that has passed is refused.
        - `asOf`: the assessment date; blank is the start day.
        - `newAgencyHeadAppointedOn`: for the 120-day moratorium flag (5 U.S.C. 3395(e)).
        - `cycleId`: optional id (3-64 letters, digits, '-', '_'); an id used before is refused.
        - `plumUploadId`: designation review only; the id `POST /api/plum-cross-check` returned for the PLUM export the
          inventory was checked against (or send the file as `plumFile`). The cycle keeps it and offers the CHCO's working
          copy, `GET /api/cycles/{id}/working-copy.xlsx`: the OPM report with a "PLUM cross-check" sheet.
        - `includePlumCrossCheck`: `true` puts the "PLUM cross-check" sheet in the package sent to OPM as well; default
          `false` (the sheet is in the working copy only). Needs `plumUploadId` or `plumFile`.

        A PLUM export cannot start an allocation review (it has no allocation counts), and from PLUM alone a designation
        review finds no Career Reserved position to revert (add the designation history).

        Example:
        ```json
        {
          "kind": "designation-review",
          "agency": "DEPARTMENT OF EXAMPLE",
          "inventoryUploadId": "20261205101500123-0123456789abcdef",
          "chco": { "name": "Casey Chco", "email": "chco@agency.example.gov" },
          "signer": { "name": "Jordan Smith", "email": "head@agency.example.gov", "title": "Secretary" },
          "approvers": [ { "component": "Office of Policy", "approver": { "name": "Pat Lee", "email": "pat.lee@agency.example.gov" } } ]
        }
        ```
        Answer: 202 Accepted with the cycle's id and status links.
        """;
}
