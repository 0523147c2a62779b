using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SesReview.Workflows.Hosting;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflows with everything they need: settings (validated now, naming the bad key), storage, the
    /// durable engine on Azure Storage (<c>AzureWebJobsStorage</c>) with its worker, notifications, and the services the
    /// host calls (<see cref="Cycles.ICycleService"/>, <see cref="Inventory.IInventoryUploads"/>,
    /// <see cref="Approvals.IApprovalService"/>, <see cref="Audit.IAuditTrail"/>).
    /// </summary>
    public static IServiceCollection AddSesReviewWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the workflows change; the host calls only this.
        return services;
    }
}
