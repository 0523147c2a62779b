using SesReview.Workflows.Hosting;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SesReview.Host.Configuration;

/// <summary>
/// The <c>Values</c> object of a <c>local.settings.json</c> file as configuration, keys with <c>__</c> read as <c>:</c>
/// (<c>Runtime__SystemKey</c> is <c>Runtime:SystemKey</c>). Placeholder values (<see cref="SettingValues.Placeholder"/>) are left out, so
/// a secret the sample only names stays missing. Other top-level properties (<c>IsEncrypted</c>, <c>Host</c>) are ignored.
/// </summary>
public sealed class LocalSettingsConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(Path);
}

internal sealed class LocalSettingsConfigurationProvider(string path) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
                if (value is not null && string.Equals(value.Trim(), SettingValues.Placeholder, StringComparison.OrdinalIgnoreCase)) continue;
                data[property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }
        Data = data;
    }
}
