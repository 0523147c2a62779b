using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Web;
using SesReview.Web.Access;
using SesReview.Workflows.Hosting;

namespace SesReview.Functions.Tests;

/// <summary>An HTTP route of the self-host: its template (without the leading slash) and methods.</summary>
internal sealed record HttpRoute(string Template, IReadOnlyList<string> Methods)
{
    public override string ToString() => $"{string.Join(",", Methods)} /{Template}";
}

/// <summary>
/// The self-host's routes, read from the endpoints <c>MapSesReviewWeb</c> (the call the self-host makes) adds to a minimal
/// <see cref="WebApplication"/> with the services the self-host registers; nothing is started.
/// </summary>
internal static class SelfHostRoutes
{
    public static IReadOnlyList<HttpRoute> Read()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(LocalSettingsSample.Values().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":"), (string?)v.Value)));
        // The sample's secrets are placeholders; the workflows refuse to start without a signing key.
        builder.Configuration["Approvals:SigningKey"] = new string('k', 40);
        // The mode the Functions app runs with App Service authentication; its routes are those of EntraId mode too.
        builder.Configuration["Access:Mode"] = "AppService";
        builder.Services.AddSesReviewWeb();
        builder.Services.AddSesReviewAccess(builder.Configuration, listenUrls: null);
        builder.Services.AddSesReviewWorkflows(builder.Configuration);
        var app = builder.Build();
        app.MapSesReviewWeb();

        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().Select(endpoint => new HttpRoute(
            endpoint.RoutePattern.RawText!.Trim('/'),
            [.. (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => m.ToUpperInvariant()).Order()]))];
    }
}
