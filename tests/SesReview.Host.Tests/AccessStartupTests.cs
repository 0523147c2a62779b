using Microsoft.AspNetCore.Hosting;
using SesReview.Host.Tests.Support;
using SesReview.Web.Access;

namespace SesReview.Host.Tests;

/// <summary>The host refuses to start rather than run open: no sign-in mode, or the development sign-in where others could reach it.</summary>
public class AccessStartupTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>The messages of an exception and its inner exceptions (the test host may wrap the start-up failure).</summary>
    private static string Messages(Exception? e) => e is null ? "(no exception: the host started)" : e.Message + " | " + Messages(e.InnerException);

    private string StartFailure(Action<IWebHostBuilder> configure)
    {
        using var factory = host.WithWebHostBuilder(configure);
        return Messages(Record.Exception(() => factory.CreateClient()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("set in configuration or Key Vault, never here")]
    public void Without_a_sign_in_mode_the_host_does_not_start_and_names_the_setting_and_the_choices(string value)
    {
        var failure = StartFailure(b => b.UseSetting("Access:Mode", value));
        Assert.Contains("Setting 'Access:Mode' (Access__Mode) is not set", failure);
        Assert.Contains("Development, AppService, EntraId", failure);
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("1")]
    [InlineData("None")]
    public void An_unknown_sign_in_mode_stops_the_host_naming_the_value(string value)
    {
        var failure = StartFailure(b => b.UseSetting("Access:Mode", value));
        Assert.Contains($"Setting 'Access:Mode' (Access__Mode) is '{value}'; it must be one of: Development, AppService, EntraId.", failure);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:7071")]
    [InlineData("urls", "http://127.0.0.1:7071;http://*:8080")]
    [InlineData("urls", "http://+:7071")]
    [InlineData("urls", "http://reviews.agency.example.gov:7071")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://[::]:7071")]
    public void Development_mode_refuses_to_start_unless_every_listening_address_is_loopback(string key, string value)
    {
        var failure = StartFailure(b => b.UseSetting("Access:Mode", "Development").UseSetting(key, value));
        Assert.Contains("Setting 'Access:Mode' is Development", failure);
        Assert.Contains("listens on loopback addresses only", failure);
    }

    [Fact]
    public void Development_mode_refuses_to_start_on_app_service()
    {
        var failure = StartFailure(b => b.UseSetting("Access:Mode", "Development").UseSetting("WEBSITE_INSTANCE_ID", "a1b2c3"));
        Assert.Contains("this host runs on App Service (WEBSITE_INSTANCE_ID is set)", failure);
    }

    [Fact]
    public void Development_mode_refuses_a_host_that_cannot_say_where_it_listens()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var error = Assert.Throws<InvalidOperationException>(() => AccessSettings.RequireDevelopmentIsLocal(configuration, null));
        Assert.Contains("cannot tell which addresses it listens on", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://127.0.0.2:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("https://localhost:7443", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://10.0.0.4:7071", false)]
    [InlineData("http://localhost.attacker.example:7071", false)]
    [InlineData("not a url", false)]
    public void Loopback_means_a_loopback_address_or_localhost_and_nothing_else(string url, bool loopback) =>
        Assert.Equal(loopback, AccessSettings.IsLoopback(url));

    [Fact]
    public void EntraId_mode_without_its_app_registration_does_not_start_and_names_the_missing_settings()
    {
        var failure = StartFailure(b => b.UseSetting("Access:Mode", "EntraId").UseSetting("Access:EntraId:Instance", "https://login.microsoftonline.com/"));
        Assert.Contains("'Access:EntraId:TenantId', 'Access:EntraId:ClientId'", failure);
    }
}
