using Durable.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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
/// The host with the workflow services replaced by fakes and the durable engine on its in-memory backend, running two test
/// orchestrators: <see cref="WaitForApproval"/> (waits for event <see cref="ApprovalEvent"/> and returns its payload) and nothing else.
/// </summary>
public sealed class HostFactory : WebApplicationFactory<Program>
{
    public const string SystemKey = "test-system-key";
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
        builder.UseSetting("Approvals:SigningKey", "host-tests-signing-key-0123456789abcdef");
        builder.UseSetting("AzureWebJobsStorage", "UseDevelopmentStorage=true");
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
            // Registering the engine again replaces the app's (Azure Storage backend and its worker) with an in-memory
            // one, so nothing polls Azure Storage.
            services.AddDurableTask(null, r => r.AddOrchestratorFunc(WaitForApproval, async ctx => await ctx.WaitForExternalEvent<string>(ApprovalEvent)));
        });
    }
}
