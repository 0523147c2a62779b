using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SesReview.DurableHosting;
using SesReview.Workflows.Storage;
using TestSupport;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SesReview.Notifications.Outbox;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Host.Tests.Support;

/// <summary>
/// The host with the workflow services replaced by fakes and the durable engine (DTFx) on an Azurite of its own, running one
/// test orchestrator: <see cref="WaitForApproval"/> (waits for event <see cref="ApprovalEvent"/> and returns its payload).
/// </summary>
public sealed class HostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private Action<IServiceCollection>? _configure;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    /// <summary>
    /// A host of a test's own (for fakes whose state must not leak into other tests); <paramref name="configure"/> changes
    /// its services after the fakes are in.
    /// </summary>
    public static async Task<HostFactory> StartNewAsync(Action<IServiceCollection>? configure = null)
    {
        var host = new HostFactory { _configure = configure };
        await host.InitializeAsync();
        return host;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        _azurite = null;
    }

    public const string SystemKey = "host-tests-system-key-0123456789abcdef";
    public const string PublicBaseUrl = "https://reviews.agency.example.gov";
    public const string WaitForApproval = "WaitForApproval";
    public const string ApprovalEvent = "Approval";

    internal FakeCycleService Cycles { get; } = new();
    internal FakeInventoryUploads Uploads { get; } = new();
    internal FakeApprovalService Approvals { get; } = new();
    internal FakeAuditTrail Audit { get; } = new();
    internal FakeOutboxReader Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Runtime:SystemKey", SystemKey);
        // Sign-in as on App Service: tests sign in with the header App Service forwards (Support/SignedIn).
        builder.UseSetting("Access:Mode", "AppService");
        builder.UseSetting("Workflows:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Approvals:SigningKey", "host-tests-signing-key-0123456789abcdef");
        var azurite = _azurite ?? throw new InvalidOperationException("The fixture starts Azurite first (IAsyncLifetime).");
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ICycleService>();
            services.RemoveAll<IInventoryUploads>();
            services.RemoveAll<IApprovalService>();
            services.RemoveAll<IAuditTrail>();
            services.RemoveAll<IOutboxReader>();
            services.AddSingleton<ICycleService>(Cycles);
            services.AddSingleton<IInventoryUploads>(Uploads);
            services.AddSingleton<IApprovalService>(Approvals);
            services.AddSingleton<IAuditTrail>(Audit);
            services.AddSingleton<IOutboxReader>(Outbox);
            // Registering the engine again replaces the app's registry with the test orchestrator, on a hub of its own.
            var engine = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["extensions:durableTask:hubName"] = "host" + Guid.NewGuid().ToString("N")[..10],
                ["extensions:durableTask:storageProvider:partitionCount"] = "1",
                ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            }).Build();
            services.AddDurableTaskOnAzureStorage(engine,
                r => r.AddOrchestratorFunc(WaitForApproval, async ctx => await ctx.WaitForExternalEvent<string>(ApprovalEvent)), WorkflowJson.DurablePayloads);
            _configure?.Invoke(services);
        });
    }
}
