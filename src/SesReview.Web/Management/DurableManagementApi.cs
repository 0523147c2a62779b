using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SesReview.Web.Management;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask/instances</c>: status, query, raise event,
/// terminate, suspend, resume and purge, all behind the system key (<see cref="SystemKeyFilter"/>).
/// </summary>
internal static class DurableManagementApi
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapDurableManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ManagementPayload.InstancesPath).WithTags("Durable management").AddEndpointFilter<SystemKeyFilter>();
        group.MapGet("/", Query);
        group.MapGet("/{instanceId}", Get);
        group.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEvent);
        group.MapPost("/{instanceId}/terminate", Terminate);
        group.MapPost("/{instanceId}/suspend", Suspend);
        group.MapPost("/{instanceId}/resume", Resume);
        group.MapDelete("/{instanceId}", Purge);
    }

    /// <summary>The engine's client; absent until the workflows register the durable engine.</summary>
    private static DurableTaskClient? Client(HttpContext context) => context.RequestServices.GetService<DurableTaskClient>();

    private static ProblemHttpResult NoEngine() =>
        TypedResults.Problem(title: "The durable engine is not registered in this host.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static ProblemHttpResult NoInstance(string instanceId) =>
        TypedResults.Problem(title: "Not found.", detail: $"There is no instance '{instanceId}'.", statusCode: StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<InstanceStatus>, ProblemHttpResult>> Get(
        string instanceId, HttpContext context, bool? showInput, CancellationToken cancellationToken)
    {
        if (Client(context) is not { } client) return NoEngine();
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: showInput ?? true, cancellationToken);
        return metadata is null ? NoInstance(instanceId) : TypedResults.Ok(InstanceStatus.From(metadata));
    }

    internal static async Task<Results<Ok<IReadOnlyList<InstanceStatus>>, ProblemHttpResult>> Query(
        HttpContext context, string? runtimeStatus, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? instanceIdPrefix,
        int? top, bool? showInput, CancellationToken cancellationToken)
    {
        if (Client(context) is not { } client) return NoEngine();
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return TypedResults.Problem(title: "The query is not valid.", statusCode: StatusCodes.Status400BadRequest,
                    detail: $"'{name}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
            }
            statuses.Add(status);
        }
        if (top is < 1) return TypedResults.Problem(title: "The query is not valid.", detail: "'top' must be at least 1.", statusCode: StatusCodes.Status400BadRequest);

        var continuation = context.Request.Headers[ContinuationHeader].ToString();
        var query = new OrchestrationQuery(createdTimeFrom, createdTimeTo, statuses.Count == 0 ? null : statuses, null,
            string.IsNullOrEmpty(instanceIdPrefix) ? null : instanceIdPrefix, top ?? 100, showInput ?? false);
        var pages = client.GetAllInstancesAsync(query).AsPages(continuation.Length == 0 ? null : continuation, top ?? 100);
        Microsoft.DurableTask.Page<OrchestrationMetadata>? page = null;
        await foreach (var first in pages.WithCancellation(cancellationToken))
        {
            page = first;
            break;
        }
        if (page?.ContinuationToken is { Length: > 0 } next) context.Response.Headers[ContinuationHeader] = next;
        var instances = page?.Values ?? [];
        return TypedResults.Ok<IReadOnlyList<InstanceStatus>>([.. instances.Select(InstanceStatus.From)]);
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> RaiseEvent(
        string instanceId, string eventName, HttpContext context, CancellationToken cancellationToken)
    {
        if (Client(context) is not { } client) return NoEngine();
        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is not { } metadata) return NoInstance(instanceId);
        if (metadata.IsCompleted) return Gone(instanceId, metadata);

        object? payload = null;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                payload = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException e)
            {
                return TypedResults.Problem(title: "The event payload is not JSON.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        }
        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    internal static Task<Results<Accepted, ProblemHttpResult>> Terminate(string instanceId, string? reason, HttpContext context, CancellationToken cancellationToken) =>
        Control(instanceId, context, (c, id) => c.TerminateInstanceAsync(id, reason, cancellationToken), cancellationToken);

    internal static Task<Results<Accepted, ProblemHttpResult>> Suspend(string instanceId, string? reason, HttpContext context, CancellationToken cancellationToken) =>
        Control(instanceId, context, (c, id) => c.SuspendInstanceAsync(id, reason, cancellationToken), cancellationToken);

    internal static Task<Results<Accepted, ProblemHttpResult>> Resume(string instanceId, string? reason, HttpContext context, CancellationToken cancellationToken) =>
        Control(instanceId, context, (c, id) => c.ResumeInstanceAsync(id, reason, cancellationToken), cancellationToken);

    /// <summary>A control message to a running instance: 404 when there is none, 410 when it has finished, else 202.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> Control(
        string instanceId, HttpContext context, Func<DurableTaskClient, string, Task> send, CancellationToken cancellationToken)
    {
        if (Client(context) is not { } client) return NoEngine();
        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is not { } metadata) return NoInstance(instanceId);
        if (metadata.IsCompleted) return Gone(instanceId, metadata);
        await send(client, instanceId);
        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult Gone(string instanceId, OrchestrationMetadata metadata) =>
        TypedResults.Problem(title: "The instance has finished.", detail: $"Instance '{instanceId}' is {metadata.RuntimeStatus}.", statusCode: StatusCodes.Status410Gone);

    /// <summary>The body of a purge answer, as Durable Functions returns it.</summary>
    internal sealed record PurgeAnswer(int InstancesDeleted);

    internal static async Task<Results<Ok<PurgeAnswer>, ProblemHttpResult>> Purge(string instanceId, HttpContext context, CancellationToken cancellationToken)
    {
        if (Client(context) is not { } client) return NoEngine();
        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is not { } metadata) return NoInstance(instanceId);
        if (!metadata.IsCompleted)
        {
            return TypedResults.Problem(title: "The instance is still running.", statusCode: StatusCodes.Status409Conflict,
                detail: $"Instance '{instanceId}' is {metadata.RuntimeStatus}; terminate it before purging its history.");
        }
        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return result.PurgedInstanceCount == 0 ? NoInstance(instanceId) : TypedResults.Ok(new PurgeAnswer(result.PurgedInstanceCount));
    }
}
