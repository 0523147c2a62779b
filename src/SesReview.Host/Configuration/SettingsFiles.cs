namespace SesReview.Host.Configuration;

/// <summary>
/// Where the Functions-style settings files are: the first folder at or above the content root that holds
/// <c>host.json</c>, with <c>local.settings.json</c> beside it, or <c>local.settings.sample.json</c> when there is none.
/// </summary>
public sealed record SettingsFiles(string Root, string HostJson, string? LocalSettings)
{
    public const string HostJsonName = "host.json";
    public const string LocalSettingsName = "local.settings.json";
    public const string SampleSettingsName = "local.settings.sample.json";

    /// <summary>The files found walking up from <paramref name="contentRoot"/>, or null when no folder holds host.json.</summary>
    public static SettingsFiles? Find(string contentRoot)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(contentRoot)); dir is not null; dir = dir.Parent)
        {
            var host = Path.Combine(dir.FullName, HostJsonName);
            if (!File.Exists(host)) continue;
            var local = Path.Combine(dir.FullName, LocalSettingsName);
            var sample = Path.Combine(dir.FullName, SampleSettingsName);
            return new SettingsFiles(dir.FullName, host, File.Exists(local) ? local : File.Exists(sample) ? sample : null);
        }
        return null;
    }
}
