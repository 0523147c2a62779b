using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Notifications.Graph;
using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;

namespace SesReview.Notifications.Tests;

public sealed class OptionsAndKeysTests
{
    private static NotificationOptions ValidGraph() => new()
    {
        Channel = NotificationChannel.Graph,
        SenderMailbox = "ses@agency.gov",
        Graph = new GraphNotificationOptions { TenantId = "t", ClientId = "c", ClientSecret = "s" },
    };

    [Fact]
    public void Defaults_are_the_outbox_and_OPMs_mailbox_and_need_no_secret()
    {
        var options = new NotificationOptions();
        options.Validate();
        Assert.Equal(NotificationChannel.Outbox, options.Channel);
        Assert.Equal("allocation-management@opm.gov", options.OpmMailbox);
        Assert.Equal("https://graph.microsoft.com/v1.0", options.Graph.BaseUrl);
        Assert.Equal("https://graph.microsoft.com/.default", options.Graph.EffectiveScope);
    }

    [Theory]
    [InlineData("ClientSecret", "Notifications:Graph:ClientSecret")]
    [InlineData("TenantId", "Notifications:Graph:TenantId")]
    [InlineData("ClientId", "Notifications:Graph:ClientId")]
    [InlineData("BaseUrl", "Notifications:Graph:BaseUrl")]
    [InlineData("SenderMailbox", "Notifications:SenderMailbox")]
    public void Graph_settings_are_required_for_the_Graph_channel_and_named_when_bad(string setting, string key)
    {
        var options = ValidGraph();
        options.Validate();
        switch (setting)
        {
            case "ClientSecret": options.Graph.ClientSecret = ""; break;
            case "TenantId": options.Graph.TenantId = null; break;
            case "ClientId": options.Graph.ClientId = " "; break;
            case "BaseUrl": options.Graph.BaseUrl = "graph"; break;
            case "SenderMailbox": options.SenderMailbox = ""; break;
        }
        var e = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains($"'{key}'", e.Message);
    }

    [Theory]
    [InlineData("LedgerTable", "bad-name")]
    [InlineData("OutboxTable", "1x")]
    [InlineData("OutboxContainer", "Outbox_Attachments")]
    public void Storage_names_are_checked(string key, string value)
    {
        var options = new NotificationOptions();
        typeof(NotificationOptions).GetProperty(key)!.SetValue(options, value);
        Assert.Contains($"'Notifications:{key}'", Assert.Throws<InvalidOperationException>(options.Validate).Message);
    }

    [Fact]
    public void The_DI_extension_chooses_the_outbox_by_default_and_Graph_when_configured()
    {
        var outbox = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        Assert.IsType<OutboxNotificationSender>(outbox.GetRequiredService<INotificationSender>());
        Assert.IsType<OutboxNotificationSender>(outbox.GetRequiredService<IOutboxReader>());

        var graph = Build(new()
        {
            ["Notifications:Channel"] = "Graph",
            ["Notifications:StorageConnectionString"] = "UseDevelopmentStorage=true",
            ["Notifications:SenderMailbox"] = "ses@agency.gov",
            ["Notifications:Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Notifications:Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Notifications:Graph:ClientSecret"] = "secret",
            ["Notifications:Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0",
        });
        Assert.IsType<GraphNotificationSender>(graph.GetRequiredService<INotificationSender>());
        // The outbox page reads the same store in Graph mode (every message is recorded there as well as mailed).
        Assert.IsType<OutboxNotificationSender>(graph.GetRequiredService<IOutboxReader>());
    }

    [Fact]
    public void The_DI_extension_rejects_a_Graph_channel_without_a_secret()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Notifications:Channel"] = "Graph",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Notifications:SenderMailbox"] = "ses@agency.gov",
            ["Notifications:Graph:TenantId"] = "t",
            ["Notifications:Graph:ClientId"] = "c",
        }));
        Assert.Contains("'Notifications:Graph:ClientSecret'", e.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddSesReviewNotifications(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Theory]
    [InlineData("task/a@x.gov/initial", "task~2Fa@x.gov~2Finitial")]
    [InlineData("a~2Fb", "a~7E2Fb")]
    [InlineData("x#y?z\\w'q", "x~23y~3Fz~5Cw~27q")]
    public void Table_keys_escape_forbidden_characters_reversibly(string input, string expected) =>
        Assert.Equal(expected, TableKeys.Sanitize(input));

    [Fact]
    public void Long_table_keys_are_cut_and_stay_distinct()
    {
        string a = TableKeys.Sanitize(new string('a', 400) + "1");
        string b = TableKeys.Sanitize(new string('a', 400) + "2");
        Assert.Equal(255, a.Length);
        Assert.NotEqual(a, b);
    }
}
