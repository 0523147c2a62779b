using Microsoft.DurableTask;
using SesReview.Workflows.Activities;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// Assesses one component's ES positions in slices of the batch size, all slices at once. Run as a sub-orchestration per
/// component so that each history stays small: 12,000 positions in slices of 250 make 48 activities spread over the
/// components, and the cycle's own history holds one entry per component.
/// </summary>
public sealed class AssessComponentOrchestrator : TaskOrchestrator<AssessComponentInput, ComponentAssessment>
{
    public override async Task<ComponentAssessment> RunAsync(TaskOrchestrationContext context, AssessComponentInput input)
    {
        var slices = new List<Task<ComponentAssessment>>();
        for (int skip = 0; skip < input.Positions; skip += input.BatchSize)
        {
            slices.Add(context.CallActivityAsync<ComponentAssessment>(ActivityNames.AssessPositions,
                new AssessBatchInput(input.CycleId, input.UploadId, input.Agency, input.Component, skip, input.BatchSize, input.AsOf, input.NewAgencyHeadAppointedOn),
                Retries.For(input.Retry)));
        }
        var results = await Task.WhenAll(slices);
        return new ComponentAssessment(input.Component, results.Sum(r => r.Assessed), results.Sum(r => r.Identified), [.. results.SelectMany(r => r.NeedsDecision)]);
    }
}
