using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SesReview.DurableHosting.Tests;

/// <summary>host.json (<c>extensions:durableTask</c>) onto DTFx's settings, and the DI registration. No storage needed.</summary>
public sealed class SettingsTests
{
    private const string Section = DurableTaskStorageSettings.SectionPath;

    private static IConfiguration Config(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).Prepend(new("AzureWebJobsStorage", "UseDevelopmentStorage=true")))
        .Build();

    [Fact]
    public void Every_host_json_key_lands_on_the_Azure_Storage_settings()
    {
        var settings = DurableTaskStorageSettings.FromConfiguration(Config(
            ($"{Section}:hubName", "ReviewHub2"),
            ($"{Section}:storageProvider:partitionCount", "8"),
            ($"{Section}:storageProvider:controlQueueVisibilityTimeout", "00:01:00"),
            ($"{Section}:storageProvider:workItemQueueVisibilityTimeout", "00:02:00"),
            ($"{Section}:storageProvider:maxQueuePollingInterval", "00:00:02"),
            ($"{Section}:storageProvider:controlQueueBatchSize", "16"),
            ($"{Section}:storageProvider:controlQueueBufferThreshold", "128"),
            ($"{Section}:storageProvider:useTablePartitionManagement", "false"),
            ($"{Section}:storageProvider:leaseInterval", "00:00:20"),
            ($"{Section}:storageProvider:leaseAcquireInterval", "00:00:04"),
            ($"{Section}:storageProvider:leaseRenewInterval", "00:00:06"),
            ($"{Section}:maxConcurrentActivityFunctions", "12"),
            ($"{Section}:maxConcurrentOrchestratorFunctions", "6"),
            ($"{Section}:extendedSessionsEnabled", "true"),
            ($"{Section}:extendedSessionIdleTimeoutInSeconds", "45")));

        Assert.Equal("ReviewHub2", settings.TaskHubName);
        Assert.Equal(8, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
        Assert.Equal(16, settings.ControlQueueBatchSize);
        Assert.Equal(128, settings.ControlQueueBufferThreshold);
        Assert.False(settings.UseTablePartitionManagement);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), settings.LeaseRenewInterval);
        Assert.Equal(12, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(6, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.ExtendedSessionIdleTimeout);
    }

    [Fact]
    public void Defaults_bring_work_back_within_a_minute_of_a_crash()
    {
        var settings = DurableTaskStorageSettings.FromConfiguration(Config());

        Assert.Equal("DurableTaskHub", settings.TaskHubName);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaxQueuePollingInterval);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.True(Max(settings.LeaseInterval + settings.LeaseAcquireInterval, settings.WorkItemQueueVisibilityTimeout, settings.ControlQueueVisibilityTimeout)
            + settings.MaxQueuePollingInterval < TimeSpan.FromSeconds(60));
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.WorkerId);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.False(settings.ExtendedSessionsEnabled);
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);

        static TimeSpan Max(params TimeSpan[] spans) => spans.Max();
    }

    [Theory]
    [InlineData("storageProvider:partitionCount", "four")]
    [InlineData("storageProvider:partitionCount", "17")]
    [InlineData("storageProvider:controlQueueVisibilityTimeout", "soon")]
    [InlineData("storageProvider:workItemQueueVisibilityTimeout", "00:00:00")]
    [InlineData("storageProvider:maxQueuePollingInterval", "-00:00:01")]
    [InlineData("storageProvider:controlQueueBatchSize", "33")]
    [InlineData("storageProvider:leaseAcquireInterval", "00:01:00")]
    [InlineData("maxConcurrentActivityFunctions", "0")]
    [InlineData("extendedSessionsEnabled", "yes")]
    [InlineData("hubName", "review-hub")]
    [InlineData("hubName", "1hub")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DurableTaskStorageSettings.FromConfiguration(Config(($"{Section}:{key}", value))));

        Assert.Contains($"'{Section}:{key}' = '{value}'", error.Message);
    }

    [Fact]
    public void The_connection_string_comes_from_AzureWebJobsStorage_in_any_of_its_places()
    {
        var missing = Assert.Throws<ArgumentException>(() => DurableTaskStorageSettings.FromConfiguration(new ConfigurationBuilder().Build()));
        Assert.Contains("'AzureWebJobsStorage'", missing.Message);

        var malformed = Assert.Throws<ArgumentException>(() => DurableTaskStorageSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage", "not a connection string")]).Build()));
        Assert.Contains("'AzureWebJobsStorage'", malformed.Message);

        string explicitEndpoints = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + TestSupport.AzuriteProcess.AccountKey +
            ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;TableEndpoint=http://127.0.0.1:3/devstoreaccount1;";
        foreach (var (key, value) in new[] { ("Values:AzureWebJobsStorage", explicitEndpoints), ("ConnectionStrings:AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Mine", explicitEndpoints) })
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value), new($"{Section}:storageProvider:connectionName", key == "Mine" ? "Mine" : null)]).Build();
            // The engine's queues are on the account of the connection named, not on a default one.
            var queues = DurableTaskStorageSettings.FromConfiguration(configuration).StorageAccountClientProvider!.Queue;
            string expected = value == explicitEndpoints ? "http://127.0.0.1:2/devstoreaccount1" : "http://127.0.0.1:10001/devstoreaccount1";
            Assert.Equal(expected, queues.CreateClient(queues.CreateOptions()).Uri.ToString().TrimEnd('/'));
        }
    }

    [Fact]
    public void Registering_twice_leaves_one_hosted_worker_and_the_last_settings()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskOnAzureStorage(Config(($"{Section}:hubName", "FirstHub")), r => r.AddOrchestratorFunc<int, int>("A", (_, n) => Task.FromResult(n)));
        services.AddDurableTaskOnAzureStorage(Config(($"{Section}:hubName", "SecondHub")), r => r.AddOrchestratorFunc<int, int>("B", (_, n) => Task.FromResult(n)));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<DurableTaskFrameworkWorker>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Equal("SecondHub", provider.GetRequiredService<AzureStorageOrchestrationServiceSettings>().TaskHubName);
        Assert.IsType<DurableTaskFrameworkClient>(provider.GetRequiredService<DurableTaskClient>());
        Assert.Same(provider.GetRequiredService<DurableTaskClient>(), provider.GetRequiredService<DurableTaskFrameworkClient>());
    }

    [Fact]
    public void Client_only_registration_runs_no_worker_and_engine_logs_default_to_warning()
    {
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(new NullProvider()).SetMinimumLevel(LogLevel.Debug));
        services.AddDurableTaskClientOnAzureStorage(Config());
        using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetServices<IHostedService>());
        Assert.IsType<DurableTaskFrameworkClient>(provider.GetRequiredService<DurableTaskClient>());
        var logs = provider.GetRequiredService<ILoggerFactory>();
        Assert.False(logs.CreateLogger("DurableTask.AzureStorage").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("DurableTask.Core").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger("SesReview.Anything").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Failure_text_in_the_instance_row_becomes_failure_details()
    {
        var details = DurableTaskFrameworkClient.FailureFromOutput("System.InvalidOperationException: the ledger is closed: twice");
        Assert.Equal("System.InvalidOperationException", details?.ErrorType);
        Assert.Equal("the ledger is closed: twice", details?.ErrorMessage);
        Assert.Equal("(unknown)", DurableTaskFrameworkClient.FailureFromOutput("\"just a string: with colon\"")?.ErrorType);
        Assert.Null(DurableTaskFrameworkClient.FailureFromOutput(null));
    }

    [Fact]
    public void Runtime_statuses_of_the_SDK_and_DTFx_share_names_and_values()
    {
        foreach (var status in Enum.GetValues<OrchestrationRuntimeStatus>())
            Assert.Equal(status.ToString(), ((DurableTask.Core.OrchestrationStatus)(int)status).ToString());
    }

    private sealed class NullProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Enabled();

        public void Dispose()
        {
        }

        private sealed class Enabled : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
