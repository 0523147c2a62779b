using Microsoft.DurableTask;
using SesReview.Workflows.Hosting;

namespace SesReview.Functions.Tests;

/// <summary>Every orchestrator and activity the self-host registers exists as a Functions trigger of the same name.</summary>
public sealed class WorkflowTriggerTests
{
    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionsMetadata.Read(RepositoryPaths.FunctionsOutput);

    private static DurableTaskRegistry Registered()
    {
        var registry = new DurableTaskRegistry();
        WorkflowServiceCollectionExtensions.RegisterWorkflows(registry);
        return registry;
    }

    [Fact]
    public void Every_registered_orchestrator_has_an_orchestration_trigger_of_its_name()
    {
        var names = Registered().GetOrchestrators().Select(o => o.Key.Name).ToList();
        Assert.NotEmpty(names);
        var missing = names.Where(name => Functions.FirstOrDefault(f => f.Name == name)?.Binding("orchestrationTrigger") is null).ToList();
        Assert.True(missing.Count == 0, $"No [OrchestrationTrigger] function named: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_registered_activity_has_an_activity_trigger_of_its_name()
    {
        var names = Registered().GetActivities().Select(a => a.Key.Name).ToList();
        Assert.NotEmpty(names);
        var missing = names.Where(name => Functions.FirstOrDefault(f => f.Name == name)?.Binding("activityTrigger") is null).ToList();
        Assert.True(missing.Count == 0, $"No [ActivityTrigger] function named: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_activity_binds_a_durable_client_for_the_services_that_need_one()
    {
        var without = Functions.Where(f => f.Binding("activityTrigger") is not null && f.Binding("durableClient") is null).Select(f => f.Name).ToList();
        Assert.True(without.Count == 0, $"Activities without [DurableClient] (CycleLiveness would find no client): {string.Join(", ", without)}");
    }
}
