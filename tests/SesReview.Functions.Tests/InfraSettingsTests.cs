using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SesReview.Functions.Tests;

/// <summary>infra/functions.bicep sets the settings the code reads, by the names local.settings.sample.json gives them.</summary>
public sealed partial class InfraSettingsTests
{
    /// <summary>Settings of the Functions platform itself, which the code does not read and the sample does not hold.</summary>
    private static readonly string[] PlatformSettings =
    [
        "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
        "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    /// <summary>Settings a deployment must give even though the sample has a value: they differ per environment.</summary>
    private static readonly string[] PerDeploymentSettings =
    [
        "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "Workflows__PublicBaseUrl", "Notifications__Channel",
        "Notifications__SenderMailbox", "Notifications__OpmMailbox",
    ];

    private static readonly string BicepFile = RepositoryPaths.File("infra", "functions.bicep");

    /// <summary>The <c>{ name: '...', value: ... }</c> entries of the appSettings block, as written in the file.</summary>
    private static IReadOnlyDictionary<string, string> AppSettings()
    {
        var text = File.ReadAllText(BicepFile);
        var start = text.IndexOf("appSettings: [", StringComparison.Ordinal);
        Assert.True(start >= 0, "functions.bicep has no appSettings block.");
        var block = text[start..text.IndexOf(']', start)];
        return SettingEntry().Matches(block).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim());
    }

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[^']+)'\s*,\s*value:\s*(?<value>.+?)\s*\}\s*$", RegexOptions.Multiline)]
    private static partial Regex SettingEntry();

    [Fact]
    public void Every_app_setting_is_one_the_code_reads_or_the_platform_needs()
    {
        var sample = LocalSettingsSample.Values();
        var unknown = AppSettings().Keys.Where(name => !sample.ContainsKey(name) && !PlatformSettings.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"App settings in functions.bicep that local.settings.sample.json does not name (typo?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_setting_a_deployment_must_supply_is_set()
    {
        var sample = LocalSettingsSample.Values();
        // What the sample leaves empty or marks as a secret has no usable default: the deployment must set it.
        var mustSupply = sample.Where(v => v.Value.Length == 0 || v.Value == SesReview.Workflows.Hosting.SettingValues.Placeholder).Select(v => v.Key)
            .Concat(PerDeploymentSettings).Distinct().ToList();
        Assert.All(PerDeploymentSettings, key => Assert.Contains(key, sample.Keys));
        var settings = AppSettings();
        var missing = mustSupply.Where(key => !settings.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, $"functions.bicep does not set: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Secrets_are_key_vault_references()
    {
        var secrets = LocalSettingsSample.Values().Where(v => v.Value == SesReview.Workflows.Hosting.SettingValues.Placeholder).Select(v => v.Key).ToList();
        Assert.Contains("Approvals__SigningKey", secrets);
        Assert.Contains("Runtime__SystemKey", secrets);
        Assert.Contains("Notifications__Graph__ClientSecret", secrets);
        var settings = AppSettings();
        var plain = secrets.Append("AzureWebJobsStorage").Where(key => settings.TryGetValue(key, out var value) && !value.StartsWith("'@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();
        Assert.True(plain.Count == 0, $"Secrets not taken from Key Vault: {string.Join(", ", plain)}");
    }

    [Theory]
    [InlineData("functions.bicep")]
    [InlineData("main.bicep")]
    public void Azure_signs_people_in_with_app_service_or_entra_id_never_the_development_sign_in_and_lets_task_links_through(string file)
    {
        var text = File.ReadAllText(RepositoryPaths.File("infra", file));
        Assert.Matches(@"@allowed\(\['AppService', 'EntraId'\]\)\s*param accessMode string", text);
        Assert.Contains("{ name: 'Access__Mode', value: accessMode }", text);
        Assert.DoesNotContain("'Development'", text);
        // App Service authentication on in AppService mode, but not required: approvers open their task links without signing in,
        // and the app answers 401/403 itself on every other route.
        Assert.Matches(@"resource easyAuth 'Microsoft\.Web/sites/config@[^']+' = if \(accessMode == 'AppService'\)", text);
        Assert.Contains("name: 'authsettingsV2'", text);
        Assert.Contains("requireAuthentication: false", text);
        Assert.Contains("unauthenticatedClientAction: 'AllowAnonymous'", text);
    }

    [Fact]
    public async Task The_bicep_compiles()
    {
        var bicep = typeof(InfraSettingsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!
            .Replace('\\', Path.DirectorySeparatorChar);
        // The Bicep CLI this project carries is the linux-x64 build: elsewhere this test fails saying so rather than passing unchecked.
        Assert.True(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            $"The Bicep CLI package is linux-x64; this machine is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}. Run the tests on linux-x64 (as CI does).");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is missing at {bicep}: restore the Azure.Bicep.CommandLine.linux-x64 package.");
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", BicepFile, "--stdout" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && errors.Trim().Length == 0, $"bicep build failed or warned:\n{errors}");
        Assert.Contains("Microsoft.Web/sites", await output);
    }
}
