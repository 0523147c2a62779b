using SesReview.Workflows.Hosting;

namespace SesReview.Web.Management;

/// <summary>Keys of the management routes' settings (reading them: <see cref="SettingValues"/>).</summary>
public static class ManagementSettings
{
    public const string SystemKey = "Runtime:SystemKey";

    /// <summary>A key anyone could guess or brute-force opens every instance to terminate and purge: 32 characters at least.</summary>
    public const int MinimumSystemKeyLength = 32;

    /// <summary>
    /// Stops the host at start-up when a system key is set but too short. No key at all is allowed: the management routes
    /// then answer 503 naming the setting.
    /// </summary>
    public static void RequireStrongSystemKey(IConfiguration configuration)
    {
        if (configuration.GetSetting(SystemKey) is { } key && key.Length < MinimumSystemKeyLength)
        {
            throw new InvalidOperationException(
                $"Setting '{SystemKey}' (Runtime__SystemKey) must be at least {MinimumSystemKeyLength} characters; it has {key.Length}. " +
                "Generate one, e.g. 'openssl rand -hex 24', and keep it in configuration or Key Vault.");
        }
    }
}
