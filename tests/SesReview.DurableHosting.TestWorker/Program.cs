using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SesReview.DurableHosting;

// dotnet SesReview.DurableHosting.TestWorker.dll <connection string> <task hub> [partitions]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <connection string> <task hub> [partitions]");
    return 2;
}

string connection = args[0], hub = args[1], partitions = args.ElementAtOrDefault(2) ?? "4";
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = connection,
    ["extensions:durableTask:hubName"] = hub,
    ["extensions:durableTask:storageProvider:partitionCount"] = partitions,
});

// Every activity execution is one row: PartitionKey = instance id, RowKey = index-pid-unique, so re-runs show.
var runs = new TableClient(connection, hub + "runs");
await runs.CreateIfNotExistsAsync();
builder.Services.AddSingleton(runs);
builder.Services.AddDurableTaskOnAzureStorage(builder.Configuration, registry => registry
    .AddOrchestratorFunc<int, long>("FanOut", async (context, count) =>
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>("Record", i)));
        return results.Sum(x => (long)x);
    })
    .AddActivity<RecordActivity>());

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"READY {Environment.ProcessId}");
await host.WaitForShutdownAsync();
return 0;

/// <summary>Records this execution (instance, index, process id) and returns the index.</summary>
[DurableTask("Record")]
internal sealed class RecordActivity(TableClient runs) : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int index)
    {
        await runs.AddEntityAsync(new TableEntity(context.InstanceId, $"{index:D5}-{Environment.ProcessId}-{Guid.NewGuid():N}")
        {
            ["Index"] = index,
            ["Pid"] = Environment.ProcessId,
        });
        return index;
    }
}
