using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SesReview.Web.Logging;

/// <summary>
/// One log line per request naming the route template, never the path or query: a task link's token and a management
/// call's <c>?code=</c> are credentials, and ASP.NET Core's own request lines (category
/// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) print the full URL, so that category is kept to warnings.
/// </summary>
public static class RedactedRequestLog
{
    public const string Category = "SesReview.Requests";
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Keeps ASP.NET Core's full-URL request lines out of every log, whatever the configuration says.</summary>
    public static IServiceCollection AddRedactedRequestLog(this IServiceCollection services) =>
        // Added after the configuration's rules, so it wins over a configured rule for the same category.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, HostingDiagnostics, LogLevel.Warning, null)));

    /// <summary>Logs method, route template, status and duration at Information.</summary>
    public static IApplicationBuilder UseRedactedRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                logger.LogInformation("HTTP {Method} {Route} answered {StatusCode} in {Milliseconds:0} ms",
                    context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }
}
