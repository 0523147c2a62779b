using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Web.Access;
using SesReview.Web.Api;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Web.Pages;

/// <summary><c>/plum-check</c> (staff only): before a cycle starts, check an uploaded inventory against OPM's PLUM export.</summary>
internal static class PlumCrossCheckPage
{
    public static void MapPlumCrossCheckPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/plum-check").ExcludeFromDescription().RequireAuthorization(AccessPolicies.Staff);
        group.MapGet("/", (HttpContext context, string? inventoryUploadId) => Render(context, inventoryUploadId ?? "", null, [], StatusCodes.Status200OK));
        group.MapPost("/", Submit).DisableAntiforgery();
    }

    internal static async Task<ContentHttpResult> Submit(
        HttpContext context, [FromServices] IInventoryUploads uploads, [FromServices] PlumUploads plumUploads, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await AntiforgeryField.IsValidAsync(context))
            return Render(context, "", null, [("form", "The form has expired or did not come from this site; reload the page and try again.")], StatusCodes.Status400BadRequest);
        var form = await UploadForm.ReadAsync(context.Request, cancellationToken);
        if (form is null)
            return Render(context, "", null, [("plumFile", $"The form could not be read (uploads are limited to {UploadForm.MaxBytes / (1024 * 1024)} MB).")], StatusCodes.Status400BadRequest);
        var uploadId = form[PlumCrossCheckRequest.UploadIdField].ToString().Trim();
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var outcome = await PlumCrossCheckRequest.RunAsync(form, uploads, plumUploads, RequestContext.Actor(context), time, cancellationToken);
        var errors = outcome.Errors.Select(e => (e.Field, e.Message))
            .Concat(outcome.ImportErrors.Select(e => (PlumCrossCheckRequest.FileField, e.ToString()))).ToList();
        return Render(context, uploadId, outcome.Result, errors, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, outcome.PlumUploadId);
    }

    private static ContentHttpResult Render(
        HttpContext context, string uploadId, PlumCrossCheckResult? result, IReadOnlyList<(string, string)> errors, int statusCode, string? plumUploadId = null)
    {
        var content = Html.Of($"""
            {Layout.Errors("Nothing was checked.", errors)}
            <p>PLUM lists only General positions and has no position number, so positions are matched by organization, title and
            incumbent; each difference says how sure the match is. The PLUM file is kept so the cycle can offer a working copy of
            the OPM report with this cross-check as a sheet; nothing here is sent to OPM.</p>
            <form method="post" action="/plum-check" enctype="multipart/form-data" class="usa-form usa-form--large">{AntiforgeryField.For(context)}
            <label class="usa-label" for="plum-upload-id">Inventory upload id</label><input class="usa-input" id="plum-upload-id" type="text" name="{PlumCrossCheckRequest.UploadIdField}" value="{uploadId}">
            <label class="usa-label" for="plum-file">OPM PLUM export (.csv, the full file)</label><input class="usa-input" id="plum-file" type="file" name="{PlumCrossCheckRequest.FileField}" accept=".csv">
            <button class="usa-button margin-top-2" type="submit">Check against PLUM</button>
            </form>
            {(plumUploadId is null ? HtmlText.Empty : Html.Of($"""<p>The PLUM file is kept as <code>{plumUploadId}</code>. <a href="/cycles/new?inventoryUploadId={Uri.EscapeDataString(uploadId)}&amp;plumUploadId={Uri.EscapeDataString(plumUploadId)}">Start the cycle with this inventory and PLUM file</a>.</p>"""))}
            {(result is null ? HtmlText.Empty : Results(result))}
            """);
        return PageResults.Page(context, "Check the inventory against PLUM", content, statusCode);
    }

    internal static HtmlText Results(PlumCrossCheckResult r) => Html.Of($"""
        <h2>Differences to resolve</h2>
        <p>{r.InventoryPositions:N0} inventory positions, {r.PlumPositions:N0} PLUM positions of the same agencies; {r.Matched:N0} matched
        ({string.Join(", ", r.MatchedByConfidence.Select(p => $"{p.Value:N0} {Confidence(p.Key)}"))}); {r.Differences.Count:N0} differences.</p>
        {(r.Differences.Count == 0 ? Html.Of($"<p>No differences.</p>") : Html.Of($"""
            {Layout.Table(Html.Of($"""
            <thead><tr><th scope="col">Difference</th><th scope="col">Match confidence</th><th scope="col">Inventory position</th><th scope="col">PLUM position</th><th scope="col">Organization</th><th scope="col">Title</th><th scope="col">Incumbent</th><th scope="col">Detail</th></tr></thead>
            <tbody>{Html.Join(r.Differences, d => Html.Of($"""
                <tr><td>{KindText(d.Kind)}</td><td>{Confidence(d.Confidence)}</td><td>{d.InventoryPositionId ?? "—"}</td><td>{d.PlumPositionId ?? "—"}</td>
                <td>{d.Organization}</td><td>{d.Title}</td><td>{d.Incumbent ?? "—"}</td><td>{d.Detail}</td></tr>
                """))}</tbody>
            """), extraClass: "plum-differences")}
            """))}
        """);

    public static string KindText(PlumDifferenceKind kind) => kind switch
    {
        PlumDifferenceKind.ListedInPlumButCareerReserved => "Listed in PLUM (General) but Career Reserved in the inventory",
        PlumDifferenceKind.NoncareerIncumbentMissing => "Noncareer incumbent in PLUM missing from the inventory",
        PlumDifferenceKind.GeneralNoncareerNotInPlum => "General with a noncareer incumbent, not in PLUM",
        PlumDifferenceKind.TitleDiffers => "Title differs",
        PlumDifferenceKind.OrganizationDiffers => "Organization differs",
        _ => UserWords.Words(kind.ToString()),
    };

    public static string Confidence(MatchConfidence c) => c switch
    {
        MatchConfidence.High => "high (organization, title and incumbent agree)",
        MatchConfidence.Medium => "medium (two of organization, title and incumbent agree)",
        MatchConfidence.Low => "low (organization and title shared by several positions)",
        _ => "no match",
    };
}
