using Microsoft.Extensions.Configuration;

namespace SesReview.Host.Configuration;

public static class FunctionsSettingsExtensions
{
    /// <summary>
    /// Adds the Functions-style files in the order a Functions host reads them: <c>host.json</c> (its keys at their own paths,
    /// e.g. <c>extensions:durableTask:hubName</c>), then <c>Values</c> of <c>local.settings.json</c> (or the sample when there is
    /// none), then environment variables and <paramref name="args"/> again so they override both files.
    /// </summary>
    /// <returns>The files used, or null when no folder at or above <paramref name="contentRoot"/> holds host.json.</returns>
    public static SettingsFiles? AddFunctionsSettings(this IConfigurationManager configuration, string contentRoot, string[] args)
    {
        var files = SettingsFiles.Find(contentRoot);
        if (files is not null)
        {
            configuration.AddJsonFile(files.HostJson, optional: false, reloadOnChange: false);
            if (files.LocalSettings is not null) configuration.Add(new LocalSettingsConfigurationSource(files.LocalSettings));
        }
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        return files;
    }
}
