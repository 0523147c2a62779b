namespace FunctionsApp.Configuration;

/// <summary>Keys of the host's own settings (reading them: <see cref="SesReview.Workflows.Hosting.SettingValues"/>).</summary>
public static class Settings
{
    public const string SystemKey = "Runtime:SystemKey";
}
