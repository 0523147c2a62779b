using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace SesReview.Web.Management;

/// <summary>An instance's status shaped like the Durable Functions HTTP API's (payloads as JSON, not as escaped text).</summary>
internal sealed record InstanceStatus(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonNode? Input,
    JsonNode? CustomStatus,
    JsonNode? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static InstanceStatus From(OrchestrationMetadata m) => new(
        m.Name, m.InstanceId, m.RuntimeStatus.ToString(), Parse(m.SerializedInput), Parse(m.SerializedCustomStatus),
        Parse(m.SerializedOutput) ?? (m.FailureDetails is { } f ? JsonValue.Create($"{f.ErrorType}: {f.ErrorMessage}") : null), m.CreatedAt, m.LastUpdatedAt);

    /// <summary>Payloads are JSON text; text that is not JSON is shown as a string.</summary>
    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
