using System.Text.Json;

namespace SesReview.Functions.Tests;

/// <summary>The Values of the repository's local.settings.sample.json: the settings the code reads, by their app-setting names.</summary>
internal static class LocalSettingsSample
{
    public static IReadOnlyDictionary<string, string> Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.File("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
