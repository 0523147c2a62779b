using SesReview.Domain.AllocationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class AllocationCalculatorTests
{
    private static readonly DateOnly AsOf = D("2025-12-01");
    private const string Policy = "Office of Policy";
    private const string Science = "Office of Science";

    /// <summary>Office of Policy: 8 ES positions, 6 filled (2 by NA), allocated 10. Office of Science: 2 ST, no allocation.</summary>
    private static PositionInventory Inventory()
    {
        var b = new InventoryBuilder().Allocation(Policy, PayPlan.ES, 10);
        for (var i = 1; i <= 8; i++)
        {
            var id = $"P{i}";
            var history = new List<object> { Ge(id, "2010-01-01") };
            if (i <= 2) history.Add(Na(id, "2025-03-01", null));
            else if (i <= 6) history.Add(Ca(id, "2020-01-01", null));
            else history.Add(Ca(id, "2018-01-01", "2025-06-30")); // vacant now
            b.Position(Es(id, Policy), [.. history]);
        }
        b.Position(new Position("S1", Agency, Science, "Senior Scientist", PayPlan.ST, "Boulder, CO"), Ca("S1", "2019-01-01", null));
        b.Position(new Position("S2", Agency, Science, "Chief Scientist", PayPlan.ST, "Boulder, CO"));
        return b.Build();
    }

    [Fact]
    public void Current_lines_count_allocated_filled_vacant_and_vacancy_rate()
    {
        var lines = new AllocationCalculator().CurrentLines(Inventory(), Agency, AsOf);

        var policy = lines.Single(l => l.Component == Policy);
        Assert.Equal((10, 6, 4, 0.4m), (policy.Allocated, policy.Filled, policy.Vacant, policy.VacancyRate));
        Assert.Equal(10, policy.ResultingAllocation);
        Assert.Contains(policy.Warnings, w => w.Contains("Vacancy rate 40% (4 of 10) is above 8%"));
    }

    [Fact]
    public void Component_without_an_allocation_is_allocated_one_per_position()
    {
        var science = new AllocationCalculator().CurrentLines(Inventory(), Agency, AsOf).Single(l => l.Component == Science);

        Assert.Equal((PayPlan.ST, 2, 1, 1, 0.5m), (science.PayPlan, science.Allocated, science.Filled, science.Vacant, science.VacancyRate));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(10, 12, 0, 0)] // more filled than allocated: vacant never below zero
    [InlineData(12, 11, 1, 0.0833)]
    public void Vacancy_rate_is_vacant_over_allocated_and_zero_without_allocation(int allocated, int filled, int vacant, double rate)
    {
        var v = Math.Max(0, allocated - filled);
        Assert.Equal(vacant, v);
        Assert.Equal((decimal)rate, Math.Round(AllocationCalculator.VacancyRate(v, allocated), 4));
    }

    [Fact]
    public void Explained_vacancy_has_no_warning()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -2, "Return vacant allocations", "Two positions unfilled since 2025 and not in the staffing plan.")]);

        var policy = review.Lines.Single(l => l.Component == Policy);
        Assert.Equal(-2, policy.ProposedAdjustment);
        Assert.Equal(8, policy.ResultingAllocation);
        Assert.Empty(policy.Warnings);
        Assert.Empty(review.AgencyWarnings);
        Assert.Equal(D("2025-12-19"), review.DueDate);
    }

    [Fact]
    public void Resulting_allocation_below_filled_is_warned()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -5, "Reduce", "Consolidating two offices.")]);

        Assert.Contains(review.Lines.Single(l => l.Component == Policy).Warnings, w => w.Contains("Resulting allocation 5 is below the 6 filled"));
    }

    [Fact]
    public void Adjustment_without_justification_is_warned()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf, [new AdjustmentProposal(Policy, PayPlan.ES, -1, "Reduce", null)]);

        Assert.Contains(review.Lines.Single(l => l.Component == Policy).Warnings, w => w.Contains("Adjustment of -1 has no justification"));
    }

    [Fact]
    public void Reduction_that_breaks_the_noncareer_limit_against_the_resulting_ES_allocation_is_an_agency_warning()
    {
        // 2 NA appointees: allocation 10 allows 2; resulting 7 allows only 1.
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -3, "Reduce", "Return vacant allocations.")]);

        var warning = Assert.Single(review.AgencyWarnings);
        Assert.Contains("would break the noncareer limit", warning);
        Assert.Contains("against 7 SES position(s)", warning);
    }

    [Fact]
    public void Reduction_that_keeps_the_noncareer_limit_is_not_warned()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -2, "Reduce", "Return vacant allocations.")]);

        Assert.Empty(review.AgencyWarnings);
    }

    [Fact]
    public void Proposal_for_an_unknown_component_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal("Office of Nowhere", PayPlan.ES, -1, null, null)]));
        Assert.Contains("Office of Nowhere", e.Message);

        var wrongPlan = Assert.Throws<ArgumentException>(() => new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.SL, -1, null, null)]));
        Assert.Contains("Office of Policy", wrongPlan.Message);
    }

    [Fact]
    public void Duplicate_or_negative_proposals_are_errors()
    {
        Assert.Throws<ArgumentException>(() => new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -1, null, null), new AdjustmentProposal(Policy, PayPlan.ES, -2, null, null)]));
        Assert.Throws<ArgumentException>(() => new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(Policy, PayPlan.ES, -11, null, null)]));
    }

    [Fact]
    public void Component_names_in_proposals_match_ignoring_case_and_spaces()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf,
            [new AdjustmentProposal(" office of policy ", PayPlan.ES, -1, "Reduce", "Vacant.")]);

        Assert.Equal(9, review.Lines.Single(l => l.Component == Policy).ResultingAllocation);
    }

    [Fact]
    public void Redesignation_proposals_are_listed_and_checked()
    {
        var review = new AllocationCalculator().Review(Inventory(), Agency, AsOf, [],
            [new RedesignationProposal("P3", Policy, "Director P3", Designation.General, Designation.CareerReserved, " ")]);

        Assert.Single(review.Redesignations);
        Assert.Contains(review.AgencyWarnings, w => w.Contains("P3") && w.Contains("no justification"));
        Assert.Throws<ArgumentException>(() => new AllocationCalculator().Review(Inventory(), Agency, AsOf, [],
            [new RedesignationProposal("NOPE", Policy, "x", Designation.General, Designation.CareerReserved, "why")]));
    }

    [Fact]
    public void Generated_government_inventory_reviews_each_agency_on_its_own_allocations()
    {
        var inventory = InventoryGenerator.Generate(3_000, seed: 5, agencyCount: 10);
        var calculator = new AllocationCalculator();

        foreach (var agency in InventoryGenerator.AgencyNames(10))
        {
            var lines = calculator.CurrentLines(inventory, agency, InventoryGenerator.ReferenceDate);
            var positions = inventory.Positions.Where(p => p.Agency == agency).ToList();
            Assert.Equal(positions.Select(p => p.Component).Distinct().Count(), lines.Select(l => l.Component).Distinct().Count());
            Assert.All(lines, l => Assert.True(l.Allocated >= positions.Count(p => p.Component == l.Component && p.PayPlan == l.PayPlan)));
        }
    }
}
