using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SesReview.Functions.Http;

namespace SesReview.Functions.Functions;

/// <summary>
/// The <c>/api</c> routes of SesReview.Web (AntiforgeryApi, InventoryApi, CycleApi), one HTTP trigger per self-host endpoint with the same
/// route and method; each hands the request to the self-host's endpoint table (<see cref="SesReviewWebPipeline"/>).
/// Anonymous at the Functions level, as in the self-host.
/// </summary>
public sealed class ApiFunctions(SesReviewWebPipeline web)
{
    [Function("ApiAntiforgery")]
    public IResult Antiforgery([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/antiforgery")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiUploadInventory")]
    public IResult UploadInventory([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inventories")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiPlumCrossCheck")]
    public IResult PlumCrossCheck([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/plum-cross-check")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiStartCycle")]
    public IResult StartCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cycles")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiListCycles")]
    public IResult ListCycles([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiGetCycle")]
    public IResult GetCycle([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCyclePositions")]
    public IResult CyclePositions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}/positions")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCancelCycle")]
    public IResult CancelCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cycles/{id}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCyclePackage")]
    public IResult CyclePackage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}/package")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCycleAudit")]
    public IResult CycleAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}/audit")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCycleAuditWorkbook")]
    public IResult CycleAuditWorkbook([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}/audit.xlsx")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiCycleWorkingCopy")]
    public IResult CycleWorkingCopy([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cycles/{id}/working-copy.xlsx")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("ApiOpenApiDocument")]
    public IResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi/{documentName}.json")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);
}
