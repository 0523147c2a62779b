namespace SesReview.Functions.Tests;

/// <summary>
/// Every route the self-host maps exists as an HTTP trigger with the same template and methods, with two exceptions the
/// Functions host imposes: the root and the management routes.
/// </summary>
public sealed class HttpTriggerTests
{
    /// <summary>
    /// The route of the root (the dashboard). A Functions route cannot be empty (the host then routes the function's name)
    /// nor "/" (the worker parses "{prefix}/{route}", and "//" is no template): PageFunctions.RootRoute is a catch-all, and
    /// the self-host's endpoint table in the worker answers "/" only.
    /// </summary>
    private const string RootFunctionRoute = "{*path}";

    /// <summary>
    /// The management routes. The Functions host refuses any function route starting with "runtime" or "admin" ("The
    /// specified route conflicts with one or more built in routes"); on Azure the Durable extension serves its own
    /// /runtime/webhooks/durabletask/instances API under the same paths, behind the durabletask_extension system key.
    /// </summary>
    private const string ManagementPrefix = "runtime/webhooks/durabletask";

    /// <summary>
    /// EntraId mode's OpenID Connect callbacks: the sign-in middleware answers them before routing reaches any endpoint, so
    /// the self-host maps no endpoint for them, but on Functions a request reaches the pipeline only through a trigger.
    /// </summary>
    private static readonly string[] SignInMiddlewareRoutes =
        [SesReview.Functions.Functions.AccessFunctions.SignInCallbackRoute, SesReview.Functions.Functions.AccessFunctions.SignedOutCallbackRoute];

    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionsMetadata.Read(RepositoryPaths.FunctionsOutput);
    private static readonly IReadOnlyList<HttpRoute> SelfHost = SelfHostRoutes.Read();

    private static IEnumerable<(FunctionEntry Function, FunctionBinding Trigger)> HttpFunctions() =>
        Functions.Select(f => (f, f.Binding("httpTrigger"))).Where(x => x.Item2 is not null).Select(x => (x.f, x.Item2!));

    private static string FunctionTemplateOf(HttpRoute route) => route.Template.Length == 0 ? RootFunctionRoute : route.Template;

    [Fact]
    public void The_self_host_maps_the_routes_this_test_compares()
    {
        Assert.Contains(SelfHost, r => r.Template == "api/cycles" && r.Methods.SequenceEqual(["POST"]));
        Assert.Contains(SelfHost, r => r.Template.StartsWith("outbox", StringComparison.Ordinal));
        Assert.Contains(SelfHost, r => r.Template.StartsWith(ManagementPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_self_host_route_has_an_http_trigger_with_the_same_template_and_methods()
    {
        var missing = SelfHost
            .Where(route => !route.Template.StartsWith(ManagementPrefix, StringComparison.Ordinal))
            .Where(route => !HttpFunctions().Any(f =>
                f.Trigger.Route == FunctionTemplateOf(route) && f.Trigger.Methods.Order().SequenceEqual(route.Methods)))
            .ToList();
        Assert.True(missing.Count == 0, $"Self-host routes without an HTTP function: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_http_trigger_serves_a_self_host_route()
    {
        var strays = HttpFunctions()
            .Where(f => !SignInMiddlewareRoutes.Contains(f.Trigger.Route))
            .Where(f => !SelfHost.Any(route => FunctionTemplateOf(route) == f.Trigger.Route && route.Methods.SequenceEqual(f.Trigger.Methods.Order())))
            .Select(f => $"{f.Function.Name} ({string.Join(",", f.Trigger.Methods)} {f.Trigger.Route})")
            .ToList();
        Assert.True(strays.Count == 0, $"HTTP functions with no self-host route: {string.Join("; ", strays)}");
    }

    [Fact]
    public void The_sign_in_callbacks_and_sign_out_have_http_triggers()
    {
        Assert.Contains(HttpFunctions(), f => f.Trigger.Route == "signin-oidc" && f.Trigger.Methods.SequenceEqual(["POST"]));
        Assert.Contains(HttpFunctions(), f => f.Trigger.Route == "signout-callback-oidc" && f.Trigger.Methods.SequenceEqual(["GET"]));
        Assert.Contains(SelfHost, r => r.Template == "signout" && r.Methods.SequenceEqual(["POST"]));
    }

    [Fact]
    public void No_http_trigger_claims_a_route_the_functions_host_reserves()
    {
        var reserved = HttpFunctions()
            .Where(f => (f.Trigger.Route ?? f.Function.Name).Trim('/').ToLowerInvariant() is var route && (route.StartsWith("admin") || route.StartsWith("runtime")))
            .Select(f => f.Function.Name).ToList();
        Assert.True(reserved.Count == 0, $"The Functions host would refuse: {string.Join(", ", reserved)}");
    }

    [Fact]
    public void No_http_trigger_route_starts_with_a_slash()
    {
        // The worker builds "{routePrefix}/{route}"; with the empty prefix a leading slash makes "//", which fails to parse
        // and takes every HTTP function of the worker down with it.
        var slashed = HttpFunctions().Where(f => f.Trigger.Route is null or "" || f.Trigger.Route.StartsWith('/')).Select(f => f.Function.Name).ToList();
        Assert.True(slashed.Count == 0, $"Routes that are empty or start with '/': {string.Join(", ", slashed)}");
    }

    [Fact]
    public void Every_http_trigger_binds_a_durable_client_for_the_services_that_need_one()
    {
        var without = HttpFunctions().Where(f => f.Function.Binding("durableClient") is null).Select(f => f.Function.Name).ToList();
        Assert.True(without.Count == 0, $"HTTP functions without [DurableClient]: {string.Join(", ", without)}");
    }

    [Fact]
    public void The_app_serves_routes_without_the_api_prefix_functions_adds_by_default()
    {
        var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "host.json")));
        Assert.Equal("", hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("SesReviewHub", hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }
}
