using SesReview.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// <c>/tasks/{token}</c>: the page an approver or signer opens from the email. The signed token in the URL is the credential (no
/// sign-in, no antiforgery token); GET never changes anything, so mail scanners that prefetch links do no harm. Pages are not
/// cached and send no referrer. Forbidden/expired links answer 403, finished cycles 410, unknown tasks 404.
/// </summary>
internal static class TaskPages
{
    public static void MapTaskPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tasks/{token}").ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                PageResults.MarkSensitive(context.HttpContext);
                return await next(context);
            });
        group.MapGet("/", Show);
        group.MapPost("/", Submit).DisableAntiforgery();
        group.MapPost("/delegate", Delegate).DisableAntiforgery();
        group.MapGet("/package", Package);
    }

    internal static async Task<ContentHttpResult> Show(string token, HttpContext context, [FromServices] IApprovalService approvals, CancellationToken cancellationToken)
    {
        var page = await approvals.OpenAsync(token, cancellationToken);
        if (page.Access != TaskAccess.Ok || page.View is null) return Denied(context, page.Access, page.Message);
        return PageResults.Page(context, TaskPageView.Title(page.View), TaskPageView.Render(token, page.View, null, [], PageTime.Zone(context)));
    }

    internal static async Task<ContentHttpResult> Submit(string token, HttpContext context, [FromServices] IApprovalService approvals, CancellationToken cancellationToken)
    {
        var page = await approvals.OpenAsync(token, cancellationToken);
        if (page.Access != TaskAccess.Ok || page.View is null) return Denied(context, page.Access, page.Message);
        var view = page.View;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var origin = RequestContext.WebOrigin(context);

        SubmitOutcome outcome;
        switch (view.Task.Kind)
        {
            case TaskKind.Decision:
            {
                var (decisions, errors) = TaskForm.Decisions(form);
                if (errors.Count > 0) return Invalid(context, token, view, form, errors);
                outcome = await approvals.SubmitDecisionsAsync(token, decisions, origin, cancellationToken);
                break;
            }
            case TaskKind.Proposal:
            {
                var (proposals, redesignations, errors) = TaskForm.Proposals(form);
                if (errors.Count > 0) return Invalid(context, token, view, form, errors);
                outcome = await approvals.SubmitProposalsAsync(token, proposals, redesignations, origin, cancellationToken);
                break;
            }
            default:
            {
                var (approve, confirmed, note, errors) = TaskForm.SignOff(form);
                if (errors.Count > 0) return Invalid(context, token, view, form, errors);
                // Submitting to OPM cannot be undone: the first approval only shows what will be sent and asks again.
                if (approve && !confirmed)
                    return PageResults.Page(context, TaskPageView.ConfirmApprovalTitle, TaskPageView.ConfirmApproval(token, view, note));
                outcome = await approvals.SignOffAsync(token, approve, note, origin, cancellationToken);
                break;
            }
        }
        return Answer(context, token, view, form, outcome);
    }

    internal static async Task<ContentHttpResult> Delegate(string token, HttpContext context, [FromServices] IApprovalService approvals, CancellationToken cancellationToken)
    {
        var page = await approvals.OpenAsync(token, cancellationToken);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        if (page.Access == TaskAccess.Forbidden && TaskForm.Delegation(form).To is { } again)
        {
            // The old link stops working once the task is handed on, so a repeated POST of the same delegation lands here;
            // the service recognises it and answers "already recorded" rather than 403.
            var repeat = await approvals.DelegateAsync(token, again, null, RequestContext.WebOrigin(context), cancellationToken);
            if (repeat.AlreadyRecorded)
                return PageResults.Page(context, "Already recorded", new HtmlText($"<h1>Already recorded</h1><p>{Html.Encode(repeat.Message)}</p>"));
        }
        if (page.Access != TaskAccess.Ok || page.View is null) return Denied(context, page.Access, page.Message);
        var (to, note, errors) = TaskForm.Delegation(form);
        if (to is null) return Invalid(context, token, page.View, form, errors, "The task was not delegated: please correct the fields named.");
        var outcome = await approvals.DelegateAsync(token, to, note, RequestContext.WebOrigin(context), cancellationToken);
        return Answer(context, token, page.View, form, outcome);
    }

    internal static async Task<Results<FileContentHttpResult, ContentHttpResult>> Package(
        string token, HttpContext context, [FromServices] IApprovalService approvals, CancellationToken cancellationToken)
    {
        var (access, file) = await approvals.GetPackageAsync(token, cancellationToken);
        if (access != TaskAccess.Ok) return Denied(context, access, null);
        if (file is null) return PageResults.NotFound(context, "There is no package to download for this task.");
        return TypedResults.File(file.Content, PackageFile.ContentType, file.FileName);
    }

    private static ContentHttpResult Answer(HttpContext context, string token, TaskView view, IFormCollection form, SubmitOutcome outcome)
    {
        if (outcome.Access != TaskAccess.Ok) return Denied(context, outcome.Access, outcome.Message);
        if (outcome.Recorded || outcome.AlreadyRecorded)
        {
            return PageResults.Page(context, outcome.AlreadyRecorded ? "Already recorded" : "Recorded", TaskPageView.Confirmation(outcome, view));
        }
        return Invalid(context, token, view, form, outcome.Errors, outcome.Message);
    }

    private static ContentHttpResult Invalid(
        HttpContext context, string token, TaskView view, IFormCollection form, IReadOnlyList<FieldError> errors, string? heading = null) =>
        PageResults.Page(context, TaskPageView.Title(view), TaskPageView.Render(token, view, form, errors, PageTime.Zone(context), heading), StatusCodes.Status400BadRequest);

    /// <summary>The page for a link that does not open a task: 403 forbidden or expired, 410 finished cycle, 404 unknown.</summary>
    internal static ContentHttpResult Denied(HttpContext context, TaskAccess access, string? message) => access switch
    {
        TaskAccess.Expired => PageResults.Page(context, "This link has expired",
            Html.Of($"<p>{message ?? "This link has expired."}</p><p>Ask the executive resources office for a new link.</p>"), StatusCodes.Status403Forbidden),
        TaskAccess.Gone => PageResults.Page(context, "This cycle is finished",
            Html.Of($"<p>{message ?? "This cycle is finished; nothing more can be recorded."}</p>"), StatusCodes.Status410Gone),
        TaskAccess.NotFound => PageResults.Page(context, "Task not found", Html.Of($"<p>{message ?? "There is no such task."}</p>"), StatusCodes.Status404NotFound),
        _ => PageResults.Page(context, "This link does not open a task for you",
            Html.Of($"<p>{message ?? "The link is not valid, or the task has been handed to someone else."}</p>"), StatusCodes.Status403Forbidden),
    };
}
