using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace SesReview.Workflows.Storage;

/// <summary>JSON of stored records and API payloads: camelCase, enums as text.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The data converter of every durable payload (orchestration inputs and outputs, activity inputs and results, events,
    /// custom status), for every host: web defaults (camelCase, case-insensitive reads). The SDK's default is
    /// PascalCase and case-sensitive; one converter everywhere keeps histories readable by every host.
    /// </summary>
    public static DataConverter DurablePayloads { get; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
