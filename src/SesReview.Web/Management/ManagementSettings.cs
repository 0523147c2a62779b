namespace SesReview.Web.Management;

/// <summary>Keys of the management routes' settings (reading them: <see cref="SesReview.Workflows.Hosting.SettingValues"/>).</summary>
public static class ManagementSettings
{
    public const string SystemKey = "Runtime:SystemKey";
}
