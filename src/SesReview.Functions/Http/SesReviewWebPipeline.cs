using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SesReview.Functions.Durable;
using SesReview.Web;
using SesReview.Web.Access;

namespace SesReview.Functions.Http;

/// <summary>
/// The self-host's endpoints, run inside the Functions worker: routing plus <see cref="SesReviewWeb.MapSesReviewWeb"/>,
/// the same call the self-host makes, behind the same middleware (<see cref="RequestGuards.UseSesReviewRequestGuards"/>: outage answer, sign-in and roles, cross-site guard). An HTTP function hands its request here instead of calling a handler itself, so the
/// handler runs with everything its endpoint carries in the self-host (parameter binding from route and query, endpoint
/// filters such as the task pages' no-cache/no-referrer headers, the inline handlers of the Map methods) and the Functions
/// app keeps no routing or binding logic of its own. The function's route only gets the request here; which handler runs is
/// decided by the same endpoint table as in the self-host.
/// </summary>
public sealed class SesReviewWebPipeline(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> pipeline = new(() =>
    {
        var app = new ApplicationBuilder(services);
        app.UseSesReviewRequestGuards();
        app.UseEndpoints(endpoints => endpoints.MapSesReviewWeb());
        return app.Build();
    });

    /// <summary>
    /// Registers the pipeline and what routing needs outside a web host: the routing services, and the
    /// <see cref="DiagnosticListener"/> a web host would register (routing's middleware takes one).
    /// </summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddRouting();
        services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        return services.AddSingleton<SesReviewWebPipeline>();
    }

    /// <summary>The response to <paramref name="request"/>, produced with <paramref name="client"/> as the workflows' durable client.</summary>
    public IResult Serve(HttpRequest request, DurableTaskClient client) => new PipelineResult(pipeline.Value, client);

    private sealed class PipelineResult(RequestDelegate pipeline, DurableTaskClient client) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            // The worker has matched the request to the function's own endpoint; routing would keep it and skip matching.
            httpContext.SetEndpoint(null);
            httpContext.Request.RouteValues.Clear();
            using (InvocationDurableTaskClient.Use(client))
            {
                await pipeline(httpContext);
            }
        }
    }
}
