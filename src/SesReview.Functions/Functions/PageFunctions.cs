using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SesReview.Functions.Http;

namespace SesReview.Functions.Functions;

/// <summary>
/// The pages of SesReview.Web (dashboard, cycle, new cycle, outbox, task pages), one HTTP trigger per self-host endpoint
/// with the same route and method, each handing the request to the self-host's endpoint table (<see cref="SesReviewWebPipeline"/>).
/// </summary>
public sealed class PageFunctions(SesReviewWebPipeline web)
{
    /// <summary>
    /// The dashboard at <c>/</c>. A Functions route cannot be empty (the host then uses the function's name) nor <c>/</c>
    /// (the worker prefixes every route with <c>{routePrefix}/</c> and fails on <c>//</c>), so the root is a catch-all that
    /// only the shortest-precedence requests reach; the self-host's endpoint table answers <c>/</c> with the dashboard and
    /// any other path that lands here with 404, as the self-host does. Needs <c>AzureWebJobsDisableHomepage=true</c>.
    /// </summary>
    public const string RootRoute = "{*path}";

    [Function("PageDashboard")]
    public IResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageCycle")]
    public IResult Cycle([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageCancelCycle")]
    public IResult CancelCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{id}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageCycleAuditWorkbook")]
    public IResult CycleAuditWorkbook([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}/audit.xlsx")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageNewCycle")]
    public IResult NewCycle([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/new")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageSubmitNewCycle")]
    public IResult SubmitNewCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/new")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PagePlumCheck")]
    public IResult PlumCheck([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "plum-check")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageSubmitPlumCheck")]
    public IResult SubmitPlumCheck([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "plum-check")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageOutbox")]
    public IResult Outbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outbox")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageOutboxAttachment")]
    public IResult OutboxAttachment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outbox/{cycleId}/attachment/{index:int}/{*messageKey}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageOutboxMessage")]
    public IResult OutboxMessage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outbox/{cycleId}/{*messageKey}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageUswdsAsset")]
    public IResult UswdsAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/uswds/{folder}/{*path}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageSiteStyleSheet")]
    public IResult SiteStyleSheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/site.css")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageTask")]
    public IResult TaskPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tasks/{token}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageSubmitTask")]
    public IResult SubmitTask([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tasks/{token}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageDelegateTask")]
    public IResult DelegateTask([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tasks/{token}/delegate")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("PageTaskPackage")]
    public IResult TaskPackage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tasks/{token}/package")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);
}
