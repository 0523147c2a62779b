using SesReview.Web.Management;
using SesReview.Workflows.Hosting;
using SesReview.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace SesReview.Host.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("host-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string ContentRoot()
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), """{ "version": "2.0", "extensions": { "durableTask": { "hubName": "SesReviewHub" } } }""");
        var contentRoot = Path.Combine(_root, "src", "SesReview.Host");
        Directory.CreateDirectory(contentRoot);
        return contentRoot;
    }

    private void Write(string name, string values) =>
        File.WriteAllText(Path.Combine(_root, name), $$"""{ "IsEncrypted": false, "Values": { {{values}} } }""");

    [Fact]
    public void Settings_come_from_host_json_and_local_settings_values_with_double_underscores_as_sections()
    {
        var contentRoot = ContentRoot();
        Write("local.settings.json", "\"Runtime__SystemKey\": \"local-key\", \"Review__TimeZone\": \"America/Chicago\"");
        Write("local.settings.sample.json", "\"Runtime__SystemKey\": \"sample-key\"");
        var configuration = new ConfigurationManager();

        var files = configuration.AddFunctionsSettings(contentRoot, []);

        Assert.Equal(Path.Combine(_root, "local.settings.json"), files!.LocalSettings);
        Assert.Equal("SesReviewHub", configuration["extensions:durableTask:hubName"]);
        Assert.Equal("local-key", configuration.GetSetting(ManagementSettings.SystemKey));
        Assert.Equal("America/Chicago", configuration["Review:TimeZone"]);
    }

    [Fact]
    public void Without_local_settings_the_sample_is_read_and_its_placeholder_counts_as_missing()
    {
        var contentRoot = ContentRoot();
        Write("local.settings.sample.json", "\"Runtime__SystemKey\": \"set in configuration or Key Vault, never here\", \"Review__TimeZone\": \"America/New_York\"");
        var configuration = new ConfigurationManager();

        var files = configuration.AddFunctionsSettings(contentRoot, []);

        Assert.Equal(Path.Combine(_root, "local.settings.sample.json"), files!.LocalSettings);
        Assert.Null(configuration.GetSetting(ManagementSettings.SystemKey));
        Assert.Equal("America/New_York", configuration["Review:TimeZone"]);
    }

    [Fact]
    public void Command_line_overrides_the_settings_files()
    {
        var contentRoot = ContentRoot();
        Write("local.settings.json", "\"Runtime__SystemKey\": \"local-key\"");
        var configuration = new ConfigurationManager();

        configuration.AddFunctionsSettings(contentRoot, ["--Runtime:SystemKey=from-command-line"]);

        Assert.Equal("from-command-line", configuration.GetSetting(ManagementSettings.SystemKey));
    }
}
