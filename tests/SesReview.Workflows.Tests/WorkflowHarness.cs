using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SesReview.DurableHosting;
using SesReview.Domain.Model;
using SesReview.Notifications.Outbox;
using SesReview.Notifications.Storage;
using SesReview.Storage;
using SesReview.Workbooks.Export;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Hosting;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Tests;

/// <summary>
/// The workflows wired exactly as the host wires them (<see cref="WorkflowServiceCollectionExtensions.AddSesReviewWorkflows"/>
/// on the Durable Task Framework's Azure Storage backend, <see cref="DurableHostingServiceCollectionExtensions.AddDurableTaskOnAzureStorage"/>),
/// on an Azurite of its own, with the product's records and outbox in memory and short reminder and due durations so a
/// cycle runs in seconds.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly TestSupport.AzuriteProcess _azurite;
    private readonly ServiceProvider _services;
    private readonly IHostedService _worker;

    private WorkflowHarness(TestSupport.AzuriteProcess azurite, IDictionary<string, string?>? settings, bool recordsOnAzurite)
    {
        _azurite = azurite;
        // Memory is quicker; Azure tables on Azurite make concurrent writes really race over HTTP (ETag conflicts).
        Storage = recordsOnAzurite ? new AzureRecordStorage(azurite.ConnectionString) : new InMemoryRecordStorage();
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "wf" + Guid.NewGuid().ToString("N")[..10],
            ["extensions:durableTask:storageProvider:partitionCount"] = "2",
            // An idle hub polls its queues this often; the product's 5 s would make each step of a test wait for it.
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
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
        services.AddDurableTaskOnAzureStorage(configuration, WorkflowServiceCollectionExtensions.RegisterWorkflows, WorkflowJson.DurablePayloads);
        _services = services.BuildServiceProvider();
        _worker = _services.GetServices<IHostedService>().Single();
    }

    /// <summary>
    /// Starts Azurite, then the workflows' worker on a new task hub. <paramref name="recordsOnAzurite"/> keeps the product's
    /// records in Azure tables on the same Azurite instead of memory.
    /// </summary>
    public static async Task<WorkflowHarness> StartAsync(IDictionary<string, string?>? settings = null, bool recordsOnAzurite = false)
    {
        var azurite = await TestSupport.AzuriteProcess.StartAsync();
        var harness = new WorkflowHarness(azurite, settings, recordsOnAzurite);
        await harness._worker.StartAsync(CancellationToken.None);
        return harness;
    }

    public IRecordStorage Storage { get; }
    public IServiceProvider Services => _services;
    public ICycleService Cycles => _services.GetRequiredService<ICycleService>();
    public IApprovalService Approvals => _services.GetRequiredService<IApprovalService>();
    public IInventoryUploads Uploads => _services.GetRequiredService<IInventoryUploads>();
    public IOutboxReader Outbox => _services.GetRequiredService<IOutboxReader>();
    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();
    public CycleStore Store => _services.GetRequiredService<CycleStore>();
    public Forecasting.DeadlineForecasts Forecasts => _services.GetRequiredService<Forecasting.DeadlineForecasts>();
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

    /// <summary>
    /// Starts a designation cycle of the upload's one agency: memo today, OPM's deadline in 45 days, the CHCO's own
    /// request; every component goes to <paramref name="approver"/>, or to the CHCO when none is named. The cycle keeps
    /// the PLUM upload <paramref name="plumUploadId"/> when given.
    /// </summary>
    public Task<CycleInput> StartDesignationAsync(
        InventoryUpload upload, Person chco, Person? approver = null, string? plumUploadId = null, bool includePlumCrossCheck = false)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = today, Deadline = today.AddDays(45),
            InventoryUploadId = upload.UploadId, Chco = chco,
            Approvers = approver is null ? null : [.. upload.Components.Select(c => new ApproverAssignment(c, approver))],
            PlumUploadId = plumUploadId, IncludePlumCrossCheck = includePlumCrossCheck,
        }, chco.Email, RequestOrigin.Web("127.0.0.1"));
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
        await _azurite.DisposeAsync();
    }
}
