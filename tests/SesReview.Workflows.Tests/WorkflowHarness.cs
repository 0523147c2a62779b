using Durable.Backend;
using Durable.Client;
using Durable.InMemory;
using Durable.Options;
using Durable.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Domain.Model;
using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;
using SesReview.Storage;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Hosting;
using SesReview.Workflows.Inventory;

namespace SesReview.Workflows.Tests;

/// <summary>
/// The workflows wired exactly as the host wires them (<see cref="WorkflowServiceCollectionExtensions.AddSesReviewWorkflows"/>),
/// but on the in-memory engine, storage and outbox, with short reminder and due durations so a cycle runs in seconds.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly ServiceProvider _services;
    private readonly DurableTaskWorker _worker;

    public WorkflowHarness(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Approvals:SigningKey"] = SigningKey,
            ["Workflows:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Workflows:ApproverDueAfter"] = "00:10:00",
            ["Workflows:InternalCutOffAfter"] = "01:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IRecordStorage>(Storage);
        services.AddSingleton<ILedgerStore>(new InMemoryLedgerStore());
        services.AddSingleton<IOutboxStore>(new InMemoryOutboxStore());
        services.AddSesReviewWorkflows(configuration);
        services.AddSingleton<IOrchestrationService>(sp => new InMemoryOrchestrationService(TimeProvider.System, sp.GetRequiredService<DurableTaskOptions>()));
        _services = services.BuildServiceProvider();
        _worker = _services.GetRequiredService<DurableTaskWorker>();
        _worker.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public InMemoryRecordStorage Storage { get; } = new();
    public ICycleService Cycles => _services.GetRequiredService<ICycleService>();
    public IApprovalService Approvals => _services.GetRequiredService<IApprovalService>();
    public IInventoryUploads Uploads => _services.GetRequiredService<IInventoryUploads>();
    public IOutboxReader Outbox => _services.GetRequiredService<IOutboxReader>();
    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();
    public CycleStore Store => _services.GetRequiredService<CycleStore>();
    public Audit.IAuditTrail Audit => _services.GetRequiredService<Audit.IAuditTrail>();

    public async Task<InventoryUpload> UploadAsync(PositionInventory inventory)
    {
        using var bytes = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, bytes);
        bytes.Position = 0;
        var result = await Uploads.UploadAsync(new InventoryUploadRequest("inventory.xlsx", bytes), "chco@agency.example.gov");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Upload!;
    }

    /// <summary>Polls the outbox until a message with <paramref name="key"/> exists (the workflow runs on other threads).</summary>
    public Task<OutboxItem> WaitForMessageAsync(string cycleId, string key, TimeSpan? timeout = null) =>
        TestSupport.Poll.UntilAsync(async () =>
            {
                if (await Outbox.GetAsync(cycleId, key) is { } item) return item;
                var instance = await Client.GetInstanceAsync(cycleId, getInputsAndOutputs: true);
                if (instance is { IsCompleted: true }) Assert.Fail($"Cycle ended ({instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}) before message '{key}'.");
                return null;
            },
            timeout ?? TimeSpan.FromSeconds(30),
            async () => $"no message '{key}'; the outbox has: {string.Join(", ", (await Outbox.ListAsync(cycleId)).Select(m => m.MessageKey))}; " +
                        $"status {(await Client.GetInstanceAsync(cycleId))?.SerializedCustomStatus}",
            TimeSpan.FromMilliseconds(20));

    /// <summary>The token of a task link in a message (the last path segment of its action link).</summary>
    public static string TokenOf(OutboxItem item) => item.Message.Action!.Url.Split('/').Last();

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
