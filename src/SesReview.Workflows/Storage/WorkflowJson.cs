using System.Text.Json;
using System.Text.Json.Serialization;

namespace SesReview.Workflows.Storage;

/// <summary>JSON of stored records and API payloads: camelCase, enums as text.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
