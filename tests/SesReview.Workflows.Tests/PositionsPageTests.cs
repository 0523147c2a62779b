using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Tests;

/// <summary>The cycle page reads one page of positions from the tables: the pages together are the whole list, decisions included.</summary>
public sealed class PositionsPageTests
{
    private static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");

    [Fact]
    public async Task Pages_of_positions_add_up_to_the_whole_list_with_each_decision_on_its_position()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(250, seed: 5));
        var cycle = await harness.StartDesignationAsync(upload, Chco);
        var notice = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(notice));
        var decided = page.View!.Positions[^1].PositionId;
        var outcome = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(notice),
            [new DecisionInput(decided, ProposedAction.RevertToGeneral, null)], RequestOrigin.Web("127.0.0.1"));
        Assert.True(outcome.Recorded, outcome.Message);
        var all = await TestSupport.Poll.UntilAsync(async () =>
                await harness.Cycles.GetPositionsAsync(cycle.CycleId) is var list && list.Any(p => p.Decision is not null) ? list : null,
            TimeSpan.FromSeconds(30), () => Task.FromResult($"the decision on {decided} never showed"));

        var pages = new[] { 0, 100, 200 }.Select(skip => harness.Cycles.GetPositionsPageAsync(cycle.CycleId, skip, 100)).ToList();
        await Task.WhenAll(pages);

        Assert.All(pages, p => Assert.Equal(all.Count, p.Result.Total));
        Assert.Equal([100, 100, all.Count - 200], pages.Select(p => p.Result.Positions.Count));
        var paged = pages.SelectMany(p => p.Result.Positions).ToList();
        Assert.Equal(all.Select(p => p.PositionId), paged.Select(p => p.PositionId));
        Assert.Equal(ProposedAction.RevertToGeneral, Assert.Single(paged, p => p.Decision is not null).Decision!.Action);
        Assert.Equal(decided, Assert.Single(paged, p => p.Decision is not null).PositionId);

        var beyond = await harness.Cycles.GetPositionsPageAsync(cycle.CycleId, 300, 100);
        Assert.Empty(beyond.Positions);
        Assert.Equal(all.Count, beyond.Total);
    }
}
