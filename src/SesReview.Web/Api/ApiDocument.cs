using Microsoft.AspNetCore.OpenApi;

namespace SesReview.Web.Api;

/// <summary>
/// The OpenAPI document of <c>/api</c>, served at <see cref="Path"/> to signed-in users (staff and compliance). Only the
/// <c>/api</c> routes are described: the pages, task links and management routes are not an API a client should call.
/// </summary>
internal static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/api/openapi/v1.json";

    public static IServiceCollection AddSesReviewApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SES review API";
                document.Info.Description =
                    "Start, list, inspect and cancel review cycles; upload inventories; download packages and audit trails. " +
                    "Every route needs a signed-in user with the ExecutiveResources role (writes) or Compliance (read-only). " +
                    "State-changing requests must be same-origin; JSON bodies must be sent as application/json.";
                return Task.CompletedTask;
            });
        });

    public static IEndpointConventionBuilder MapSesReviewApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi("/api/openapi/{documentName}.json");
}
