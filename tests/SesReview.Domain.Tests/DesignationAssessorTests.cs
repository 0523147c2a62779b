using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class DesignationAssessorTests
{
    private static readonly DateOnly AsOf = D("2025-02-10");

    [Fact]
    public void Every_ES_position_of_a_government_wide_inventory_is_assessed_once()
    {
        var inventory = InventoryGenerator.Generate(12_000, seed: 7, agencyCount: 75);
        var results = new DesignationAssessor().Assess(inventory, AsOf);

        var esIds = inventory.Positions.Where(p => p.PayPlan == PayPlan.ES).Select(p => p.PositionId).ToList();
        Assert.Equal(esIds, results.Select(r => r.PositionId));
    }

    [Fact]
    public void Generated_inventory_yields_each_kind_of_outcome()
    {
        var inventory = InventoryGenerator.Generate(1_500, seed: 11);
        var results = new DesignationAssessor().Assess(inventory, AsOf);

        Assert.Contains(results, a => a.ProposedAction == ProposedAction.RevertToGeneral);
        Assert.Contains(results, a => a.Identified && a.ProposedAction == ProposedAction.NoAction);
        Assert.Contains(results, a => !a.Identified);
        Assert.Contains(results, a => a.MajorityNoncareer);
        Assert.All(results.Where(a => a.NeedsDecision), a => Assert.NotNull(a.RedesignatedToCareerReservedOn));
    }

    [Fact]
    public void Report_lists_every_identified_position_of_the_agency_in_id_order_with_its_latest_decision()
    {
        var inventory = new InventoryBuilder()
            .Position(Es("P3"), Ge("P3", "2010-01-01"))                                   // identified, still General
            .Position(Es("P1"), Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"))           // identified, revert
            .Position(Es("P2"), Cr("P2", "2010-01-01"))                                   // not identified
            .Position(Es("X1", agency: "OTHER AGENCY"), Ge("X1", "2010-01-01"))           // other agency
            .Build();
        var assessments = new DesignationAssessor().Assess(inventory, AsOf);
        PositionDecision[] decisions =
        [
            new("P1", ProposedAction.RequestRetention, "An earlier decision superseded by the later one below.", "delegate", DateTimeOffset.Parse("2025-03-01T10:00:00Z")),
            new("P1", ProposedAction.RevertToGeneral, null, "agency head", DateTimeOffset.Parse("2025-03-02T10:00:00Z")),
        ];

        var report = DesignationReportBuilder.Build(Agency, inventory, assessments, decisions, D("2025-02-05"), D("2025-03-24"));

        Assert.Equal(3, report.PositionsReviewed);
        Assert.Equal(["P1", "P3"], report.Entries.Select(e => e.Position.PositionId));
        Assert.Equal(ProposedAction.RevertToGeneral, report.Entries[0].Decision?.Action);
        Assert.Equal(2, report.Entries[0].DesignationHistory.Count);
        Assert.Null(report.Entries[1].Decision);
        Assert.Equal(D("2025-03-24"), report.DueDate);
    }
}
