using Microsoft.Extensions.Configuration;

namespace FunctionsApp.Configuration;

/// <summary>Reading settings the way the sample file means them: its placeholder text is no value.</summary>
public static class Settings
{
    /// <summary>The value <c>local.settings.sample.json</c> holds for secrets; a setting with this value counts as missing.</summary>
    public const string Placeholder = "set in configuration or Key Vault, never here";

    public const string SystemKey = "Runtime:SystemKey";

    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), Placeholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>The setting's value, or null when it is absent, blank or the sample's placeholder.</summary>
    public static string? GetSetting(this IConfiguration configuration, string key) =>
        configuration[key] is { } value && !IsMissing(value) ? value : null;
}
