using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Functions.Durable;
using SesReview.Functions.Http;
using SesReview.Web;
using SesReview.Workflows.Hosting;

namespace SesReview.Functions.Tests;

/// <summary>
/// The pipeline the HTTP functions hand their requests to, run as the worker runs it (services as in the app's Program,
/// the worker's own endpoint already set on the request), without storage: the self-host's endpoint table answers.
/// </summary>
public sealed class WebPipelineTests
{
    private static readonly IServiceProvider Services = BuildServices();

    private static IServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettingsSample.Values().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":"), (string?)v.Value)))
            .AddInMemoryCollection([KeyValuePair.Create("Approvals:SigningKey", (string?)new string('k', 40))])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSesReviewWeb();
        services.AddSesReviewWorkflows(configuration);
        services.AddSingleton<DurableTaskClient, InvocationDurableTaskClient>();
        SesReviewWebPipeline.Register(services);
        return services.BuildServiceProvider();
    }

    private static async Task<HttpContext> ServeAsync(string method, string path, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = Services.CreateScope().ServiceProvider };
        context.Request.Method = method;
        context.Request.Path = path;
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, null, "the function's own endpoint in the worker"));
        await Services.GetRequiredService<SesReviewWebPipeline>().Serve(context.Request, Services.GetRequiredService<DurableTaskClient>()).ExecuteAsync(context);
        return context;
    }

    [Fact]
    public async Task A_page_is_served_by_its_self_host_endpoint()
    {
        var context = await ServeAsync("GET", "/cycles/new");
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType);
        Assert.Equal("HTTP: GET /cycles/new/", context.GetEndpoint()?.DisplayName);
    }

    [Fact]
    public async Task A_path_the_self_host_does_not_map_is_not_found_even_through_the_root_catch_all()
    {
        var context = await ServeAsync("GET", "/no/such/page");
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task Endpoint_filters_run_as_in_the_self_host()
    {
        // TaskPages' group filter marks every task page sensitive; the bad token is refused before any storage call.
        var context = await ServeAsync("GET", "/tasks/not-a-token");
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_by_the_same_guard_as_in_the_self_host()
    {
        // Refused before any handler runs, so no storage or durable client is needed to see it.
        var context = await ServeAsync("POST", "/api/cycles", ("Sec-Fetch-Site", "cross-site"), ("Content-Type", "application/json"));
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);

        var foreign = await ServeAsync("POST", "/api/inventories", ("Origin", "https://attacker.example"), ("Content-Type", "multipart/form-data; boundary=x"));
        Assert.Equal(StatusCodes.Status403Forbidden, foreign.Response.StatusCode);
    }

    [Fact]
    public async Task The_durable_client_outside_an_invocation_names_the_fix()
    {
        var client = new InvocationDurableTaskClient();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetInstanceAsync("x"));
        Assert.Contains("[DurableClient]", error.Message);
    }
}
