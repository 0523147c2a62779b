using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Functions.Durable;
using SesReview.Functions.Http;
using SesReview.Web;
using SesReview.Web.Access;
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
            .AddInMemoryCollection([KeyValuePair.Create("Approvals:SigningKey", (string?)new string('k', 40)), KeyValuePair.Create("Access:Mode", (string?)"AppService")])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSesReviewWeb();
        services.AddSesReviewAccess(configuration, listenUrls: null);
        services.AddSesReviewWorkflows(configuration);
        services.AddSingleton<DurableTaskClient, InvocationDurableTaskClient>();
        SesReviewWebPipeline.Register(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The principal App Service authentication forwards for someone holding <paramref name="roles"/>.</summary>
    private static string Principal(params string[] roles) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
    {
        auth_typ = "aad", name_typ = "name", role_typ = "roles",
        claims = new[] { new { typ = "name", val = "Casey Staff" }, new { typ = "preferred_username", val = "casey@agency.example.gov" } }
            .Concat(roles.Select(r => new { typ = "roles", val = r })),
    })));

    private static readonly string Staff = Principal(Roles.Staff);

    private static async Task<HttpContext> ServeAsync(string method, string path, string? principal = null, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = Services.CreateScope().ServiceProvider };
        context.Request.Method = method;
        context.Request.Path = path;
        if (principal is not null) context.Request.Headers[AppServicePrincipalHandler.PrincipalHeader] = principal;
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, null, "the function's own endpoint in the worker"));
        await Services.GetRequiredService<SesReviewWebPipeline>().Serve(context.Request, Services.GetRequiredService<DurableTaskClient>()).ExecuteAsync(context);
        return context;
    }

    [Fact]
    public async Task A_page_is_served_by_its_self_host_endpoint()
    {
        var context = await ServeAsync("GET", "/cycles/new", Staff);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType);
        Assert.Equal("HTTP: GET /cycles/new/", context.GetEndpoint()?.DisplayName);
    }

    [Fact]
    public async Task Uswds_files_are_served_from_the_functions_app_output_to_anyone_and_only_from_its_dist_folders()
    {
        var css = await ServeAsync("GET", "/assets/uswds/css/uswds.min.css");
        Assert.Equal(StatusCodes.Status200OK, css.Response.StatusCode);
        Assert.StartsWith("text/css", css.Response.ContentType);
        css.Response.Body.Position = 0;
        Assert.Contains("uswds v3.14.0", await new StreamReader(css.Response.Body).ReadToEndAsync());

        Assert.Equal(StatusCodes.Status404NotFound, (await ServeAsync("GET", "/assets/uswds/scss/stylesheets/uswds.scss")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await ServeAsync("GET", "/assets/uswds/css/../../../SesReview.Web.dll")).Response.StatusCode);
    }

    [Fact]
    public async Task A_path_the_self_host_does_not_map_is_not_found_even_through_the_root_catch_all()
    {
        var context = await ServeAsync("GET", "/no/such/page", Staff);
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_roles_are_checked_as_in_the_self_host()
    {
        Assert.Equal(StatusCodes.Status401Unauthorized, (await ServeAsync("GET", "/api/cycles")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await ServeAsync("GET", "/cycles/new")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, (await ServeAsync("GET", "/cycles/new", Principal(Roles.Compliance))).Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, (await ServeAsync("POST", "/api/cycles", Principal(Roles.Compliance))).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await ServeAsync("POST", "/api/cycles", "not a principal")).Response.StatusCode);
    }

    [Theory]
    [InlineData("Development", "cannot tell which addresses it listens on")]
    [InlineData("", "Setting 'Access:Mode' (Access__Mode) is not set")]
    public void The_functions_app_refuses_to_start_without_a_mode_or_in_development_mode(string mode, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Access:Mode", (string?)mode)]).Build();
        // What the Functions app's Program calls: it cannot say where the Functions host listens.
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSesReviewAccess(configuration, listenUrls: null));
        Assert.Contains(expected, error.Message);
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
        var context = await ServeAsync("POST", "/api/cycles", Staff, ("Sec-Fetch-Site", "cross-site"), ("Content-Type", "application/json"));
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);

        var foreign = await ServeAsync("POST", "/api/inventories", Staff, ("Origin", "https://attacker.example"), ("Content-Type", "multipart/form-data; boundary=x"));
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
