using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Tests;

/// <summary>
/// The same orchestrator and activity classes run on the self-host's DTFx worker and in Azure Functions, so Workflows
/// uses the Durable Task programming model only: no engine, no host (ARCHITECTURE.md's dependency direction).
/// </summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void Workflows_uses_the_durable_programming_model_and_no_engine_or_host()
    {
        var referenced = typeof(CycleService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Microsoft.DurableTask.Abstractions", referenced);
        foreach (var forbidden in new[] { "DurableTask.Core", "DurableTask.AzureStorage", "SesReview.DurableHosting", "Microsoft.Azure.Functions.Worker", "Microsoft.AspNetCore" })
            Assert.DoesNotContain(referenced, name => name.StartsWith(forbidden, StringComparison.Ordinal));
    }
}
