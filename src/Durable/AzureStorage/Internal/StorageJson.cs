using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durable.AzureStorage.Internal;

/// <summary>System.Text.Json settings for everything the backend stores (history events are polymorphic records).</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored JSON for {typeof(T).Name} was null.");
}
