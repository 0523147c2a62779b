using System.Text.Json;

namespace Durable;

/// <summary>
/// The one JSON configuration used for every payload the engine stores: orchestration inputs and outputs, activity
/// inputs and results, event payloads and custom status. Web defaults (camelCase, case-insensitive reads).
/// Backends serialize <see cref="History.HistoryEvent"/> with the same options.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes <paramref name="value"/>; null stays null (not the text "null").</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static string? Serialize(object? value, Type declaredType) =>
        value is null ? null : JsonSerializer.Serialize(value, declaredType, Options);

    /// <summary>Deserializes <paramref name="json"/>; null or empty text gives <c>default</c>.</summary>
    public static T? Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static object? Deserialize(string? json, Type type) =>
        string.IsNullOrEmpty(json)
            ? (type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null)
            : JsonSerializer.Deserialize(json, type, Options);
}
