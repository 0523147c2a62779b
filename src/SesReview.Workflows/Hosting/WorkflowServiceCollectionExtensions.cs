using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SesReview.Domain.AllocationReview;
using SesReview.Domain.Calendar;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Settings;
using SesReview.Notifications;
using SesReview.Storage;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Hosting;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflows with everything they need: settings (validated now, naming the bad key), storage
    /// (<c>AzureWebJobsStorage</c>), notifications, the activities, and the services the host calls
    /// (<see cref="ICycleService"/>, <see cref="IInventoryUploads"/>, <see cref="IApprovalService"/>, <see cref="IAuditTrail"/>).
    /// The engine is the host's: it registers <see cref="RegisterWorkflows"/> on its worker and provides the
    /// <c>DurableTaskClient</c> these services use, with <see cref="WorkflowJson.DurablePayloads"/> as its data converter.
    /// </summary>
    public static IServiceCollection AddSesReviewWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        string connection = configuration.GetSetting("AzureWebJobsStorage") ?? configuration.GetSetting("Values:AzureWebJobsStorage")
            ?? throw new InvalidOperationException("Setting 'AzureWebJobsStorage' is required (UseDevelopmentStorage=true for Azurite).");

        var review = new SesReviewOptions();
        configuration.GetSection(SesReviewOptions.SectionName).Bind(review);
        review.Validate();
        var workflow = new WorkflowOptions();
        configuration.GetSection(WorkflowOptions.SectionName).Bind(workflow);
        workflow.Validate();
        var approvals = new ApprovalOptions();
        configuration.GetSection(ApprovalOptions.SectionName).Bind(approvals);
        approvals.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(review.Calendar).AddSingleton(review.DesignationReview).AddSingleton(review.AllocationReview)
            .AddSingleton(review.NoncareerLimit).AddSingleton(review.Reassignment);
        services.AddSingleton(new BusinessCalendar(review.Calendar));
        services.AddSingleton(sp => new DesignationAssessor(review.DesignationReview, review.Reassignment));
        services.AddSingleton(sp => new AllocationCalculator(review.AllocationReview, review.NoncareerLimit, sp.GetRequiredService<BusinessCalendar>()));
        services.AddSingleton(workflow).AddSingleton(approvals);

        services.TryAddSingleton<IRecordStorage>(_ => new AzureRecordStorage(connection));
        services.AddSingleton<CycleStore>();
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<IInventoryUploads, InventoryUploads>();
        services.AddSingleton<ApprovalTokens>();
        services.AddSingleton<TaskLinks>();
        services.AddSingleton<SchedulePlanner>();
        services.AddSingleton<CycleLiveness>();
        services.AddSingleton<ICycleService, CycleService>();
        services.AddSingleton<IApprovalService, ApprovalService>();

        services.AddSesReviewNotifications(configuration);

        foreach (var activity in ActivityTypes) services.TryAddTransient(activity);
        return services;
    }

    /// <summary>The activity classes (resolved from the container, one per execution).</summary>
    public static IReadOnlyList<Type> ActivityTypes { get; } =
    [
        typeof(LoadInventoryActivity), typeof(AssessPositionsActivity), typeof(PlanTasksActivity), typeof(SendTaskNoticeActivity),
        typeof(GetTaskProgressActivity), typeof(EscalateActivity), typeof(CloseTaskActivity), typeof(BuildPackageActivity),
        typeof(WarnDeadlineAtRiskActivity), typeof(SubmitToOpmActivity),
    ];

    /// <summary>Every orchestrator and activity of both cycles, by the names the orchestrations call them.</summary>
    public static void RegisterWorkflows(DurableTaskRegistry registry) => registry
        .AddOrchestrator<DesignationCycleOrchestrator>(OrchestratorNames.DesignationCycle)
        .AddOrchestrator<AllocationCycleOrchestrator>(OrchestratorNames.AllocationCycle)
        .AddOrchestrator<ApprovalTaskOrchestrator>(OrchestratorNames.ApprovalTask)
        .AddActivity<LoadInventoryActivity>(ActivityNames.LoadInventory)
        .AddActivity<AssessPositionsActivity>(ActivityNames.AssessPositions)
        .AddActivity<PlanTasksActivity>(ActivityNames.PlanTasks)
        .AddActivity<SendTaskNoticeActivity>(ActivityNames.SendTaskNotice)
        .AddActivity<GetTaskProgressActivity>(ActivityNames.GetTaskProgress)
        .AddActivity<EscalateActivity>(ActivityNames.Escalate)
        .AddActivity<CloseTaskActivity>(ActivityNames.CloseTask)
        .AddActivity<BuildPackageActivity>(ActivityNames.BuildPackage)
        .AddActivity<WarnDeadlineAtRiskActivity>(ActivityNames.WarnDeadlineAtRisk)
        .AddActivity<SubmitToOpmActivity>(ActivityNames.SubmitToOpm);
}
