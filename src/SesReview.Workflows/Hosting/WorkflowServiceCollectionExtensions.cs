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
        services.AddSingleton<PlumUploads>();
        services.AddSingleton<WorkingCopies>();
        services.AddSingleton<ApprovalTokens>();
        services.AddSingleton<TaskLinks>();
        services.AddSingleton<SchedulePlanner>();
        services.AddSingleton(sp => new Domain.Forecasting.DeadlineForecaster(sp.GetRequiredService<BusinessCalendar>(),
            configuration.GetSection(Domain.Settings.ForecastOptions.SectionName).Get<Domain.Settings.ForecastOptions>() ?? new Domain.Settings.ForecastOptions()));
        services.AddSingleton<Forecasting.DeadlineForecasts>();
        services.AddSingleton<CycleLiveness>();
        services.AddSingleton<CycleDefaults>();
        services.AddSingleton<ICycleService, CycleService>();
        services.AddSingleton<IApprovalService, ApprovalService>();

        services.AddSesReviewNotifications(configuration);

        foreach (var (_, type) in Activities) services.TryAddTransient(type);
        return services;
    }

    /// <summary>Every activity of both cycles by the name the orchestrations call it; the class is resolved from the container.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Activities { get; } =
    [
        (ActivityNames.LoadInventory, typeof(LoadInventoryActivity)),
        (ActivityNames.AssessPositions, typeof(AssessPositionsActivity)),
        (ActivityNames.PlanTasks, typeof(PlanTasksActivity)),
        (ActivityNames.SendTaskNotice, typeof(SendTaskNoticeActivity)),
        (ActivityNames.GetTaskProgress, typeof(GetTaskProgressActivity)),
        (ActivityNames.Escalate, typeof(EscalateActivity)),
        (ActivityNames.CloseTask, typeof(CloseTaskActivity)),
        (ActivityNames.BuildPackage, typeof(BuildPackageActivity)),
        (ActivityNames.WarnDeadlineAtRisk, typeof(WarnDeadlineAtRiskActivity)),
        (ActivityNames.SubmitToOpm, typeof(SubmitToOpmActivity)),
        (ActivityNames.ForecastDeadline, typeof(Forecasting.ForecastDeadlineActivity)),
    ];

    /// <summary>Every orchestrator and activity of both cycles, by the names the orchestrations call them.</summary>
    public static void RegisterWorkflows(DurableTaskRegistry registry)
    {
        registry
            .AddOrchestrator<DesignationCycleOrchestrator>(OrchestratorNames.DesignationCycle)
            .AddOrchestrator<AllocationCycleOrchestrator>(OrchestratorNames.AllocationCycle)
            .AddOrchestrator<ApprovalTaskOrchestrator>(OrchestratorNames.ApprovalTask);
        foreach (var (name, type) in Activities)
            registry.AddActivity(name, services => (ITaskActivity)services.GetRequiredService(type));
    }
}
