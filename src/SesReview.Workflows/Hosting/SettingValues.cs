using Microsoft.Extensions.Configuration;

namespace SesReview.Workflows.Hosting;

/// <summary>Reading settings the way <c>local.settings.sample.json</c> means them: its placeholder text is no value.</summary>
public static class SettingValues
{
    /// <summary>The value the sample file holds for secrets; a setting with this value counts as missing.</summary>
    public const string Placeholder = "set in configuration or Key Vault, never here";

    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), Placeholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>The setting's value, or null when it is absent, blank or the sample's placeholder.</summary>
    public static string? GetSetting(this IConfiguration configuration, string key) =>
        configuration[key] is { } value && !IsMissing(value) ? value : null;
}
