using System.Text;
using Durable.Client;
using Durable.Hosting;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Tests.Hosting;

public sealed class DurableTaskOptionsTests
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "durableTask": {
              "hubName": "SesReviewHub",
              "storageProvider": { "partitionCount": 4, "workItemLockTimeout": "00:02:00" },
              "maxConcurrentActivityFunctions": 16,
              "maxConcurrentOrchestratorFunctions": 8,
              "maxActivitiesInFlightPerOrchestration": 50
            }
          }
        }
        """;

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Host_json_durableTask_section_binds_over_the_defaults()
    {
        var options = DurableTaskOptions.Bind(Configuration(HostJson).GetSection(DurableTaskOptions.SectionPath)).Validate();

        Assert.Equal("SesReviewHub", options.HubName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal(16, options.MaxConcurrentActivities);
        Assert.Equal(8, options.MaxConcurrentOrchestrations);
        Assert.Equal(50, options.MaxActivitiesInFlightPerOrchestration);
        Assert.Equal(TimeSpan.FromMinutes(2), options.WorkItemLockTimeout);
        Assert.Equal(5, options.MaxDequeueCount);
    }

    [Theory]
    [InlineData(0, "storageProvider:partitionCount")]
    [InlineData(17, "storageProvider:partitionCount")]
    public void Partition_count_outside_1_to_16_is_refused_naming_the_key(int partitions, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new DurableTaskOptions { PartitionCount = partitions }.Validate());
        Assert.Contains($"extensions:durableTask:{key}", error.Message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("hub-name")]
    public void Hub_name_must_be_storage_safe(string hubName)
    {
        var error = Assert.Throws<ArgumentException>(() => new DurableTaskOptions { HubName = hubName }.Validate());
        Assert.Contains("hubName", error.Message);
    }

    [Fact]
    public void Non_numeric_setting_is_refused_naming_the_key()
    {
        var config = Configuration("""{ "extensions": { "durableTask": { "maxConcurrentActivityFunctions": "many" } } }""");
        var error = Assert.Throws<ArgumentException>(() => DurableTaskOptions.Bind(config.GetSection(DurableTaskOptions.SectionPath)));
        Assert.Contains("maxConcurrentActivityFunctions", error.Message);
    }

    [Fact]
    public async Task AddDurableTask_wires_client_worker_and_the_in_memory_backend_from_host_json()
    {
        var services = new ServiceCollection();
        services.AddDurableTask(Configuration(HostJson), r => r.AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s)))
            .UseInMemoryBackend();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("SesReviewHub", provider.GetRequiredService<DurableTaskOptions>().HubName);
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        Assert.Same(worker, provider.GetServices<IHostedService>().Single());

        Assert.Equal("hi", await RunEchoAsync(provider, "hi"));
    }

    [Fact]
    public async Task Stopping_the_worker_from_several_callers_at_once_stops_it_once_and_it_can_start_again()
    {
        var services = new ServiceCollection();
        services.AddDurableTask(null, r => r.AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s))).UseInMemoryBackend();
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => worker.StopAsync(CancellationToken.None))));

        Assert.Equal("again", await RunEchoAsync(provider, "again"));
    }

    [Fact]
    public async Task Calling_AddDurableTask_again_replaces_the_engine_and_hosts_one_worker()
    {
        var services = new ServiceCollection();
        services.AddDurableTask(null, r => r.AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult("first " + s)));
        services.AddDurableTask(null, r => r.AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult("second " + s)));
        await using var provider = services.BuildServiceProvider();

        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(provider.GetRequiredService<DurableTaskWorker>(), hosted);
        Assert.Equal("second hi", await RunEchoAsync(provider, "hi"));
    }

    /// <summary>Starts the container's worker, runs orchestration "Echo" on <paramref name="input"/>, stops the worker and returns the output.</summary>
    private static async Task<string?> RunEchoAsync(IServiceProvider provider, string input)
    {
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Echo", input);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return (await client.WaitForInstanceCompletionAsync(id, true, timeout.Token)).ReadOutputAs<string>();
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
