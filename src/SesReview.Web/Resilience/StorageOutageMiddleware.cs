using SesReview.Storage;
using SesReview.Web.Pages;

namespace SesReview.Web.Resilience;

/// <summary>
/// Every request runs inside the web's <see cref="InteractiveStorageBudget"/> (short network timeout, few retries) and
/// behind the <see cref="StorageCircuitBreaker"/>. A failure to reach storage (<see cref="StorageUnavailableException"/>, or
/// a connection failure from a client that does not translate it, such as the durable engine's) is answered 503 with
/// <c>Retry-After</c>: problem details on <c>/api</c> and the management routes, an HTML page elsewhere.
/// </summary>
internal sealed class StorageOutageMiddleware(RequestDelegate next, StorageCircuitBreaker breaker, StorageOutageOptions options, ILogger<StorageOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var admission = breaker.TryEnter();
        if (!admission.Admitted)
        {
            await WriteAsync(context, admission.RetryAfter, requestRan: false);
            return;
        }

        bool settled = false;
        try
        {
            using (InteractiveStorageBudget.Begin(options.Budget))
            {
                await next(context);
            }
            breaker.Succeeded(admission);
            settled = true;
        }
        catch (Exception e) when (StorageUnavailableException.Describes(e, context.RequestAborted))
        {
            var retryAfter = breaker.Failed();
            settled = true;
            logger.LogWarning("Storage is unreachable ({Reason}); answering 503 for {Seconds} s", Reason(e), retryAfter.TotalSeconds);
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            await WriteAsync(context, retryAfter, requestRan: true);
        }
        finally
        {
            if (!settled) breaker.Abandoned(admission);
        }
    }

    /// <summary>Whole seconds, at least 1, as <c>Retry-After</c> takes them.</summary>
    internal static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>
    /// The plain message. A request refused before it ran, or a read, changed nothing. A write cut off half-way may have
    /// saved its first steps (docs/security.md#outages says which), so it is not told that nothing changed.
    /// </summary>
    internal static string Message(HttpContext context, int seconds, bool requestRan) =>
        !requestRan || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? $"Storage is unreachable; nothing was changed; try again in {seconds} seconds."
            : $"Storage is unreachable; the request was not completed; try again in {seconds} seconds.";

    private static Task WriteAsync(HttpContext context, TimeSpan retryAfter, bool requestRan)
    {
        int seconds = Seconds(retryAfter);
        string message = Message(context, seconds, requestRan);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/runtime"))
        {
            return TypedResults.Problem(title: "Storage is unreachable.", detail: message, statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(context);
        }
        return PageResults.Page(context, "Storage is unreachable", Html.Of($"<p>{message}</p>"), StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    private static string Reason(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        while (e.InnerException is not null && e is not System.Net.Sockets.SocketException) e = e.InnerException;
        return e.Message;
    }
}
