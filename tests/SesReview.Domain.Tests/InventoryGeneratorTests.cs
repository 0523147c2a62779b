using SesReview.Domain.Model;
using SesReview.Domain.Samples;

namespace SesReview.Domain.Tests;

public class InventoryGeneratorTests
{
    [Fact]
    public void Same_seed_gives_the_same_inventory()
    {
        var a = InventoryGenerator.Generate(2_000, seed: 42);
        var b = InventoryGenerator.Generate(2_000, seed: 42);

        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Designations, b.Designations);
        Assert.Equal(a.Incumbencies, b.Incumbencies);
        Assert.Equal(a.Allocations, b.Allocations);
    }

    [Fact]
    public void Different_seeds_give_different_inventories()
    {
        var a = InventoryGenerator.Generate(500, seed: 1);
        var b = InventoryGenerator.Generate(500, seed: 2);

        Assert.NotEqual(a.Incumbencies, b.Incumbencies);
    }

    [Fact]
    public void Pay_plan_shares_follow_the_domain()
    {
        var inventory = InventoryGenerator.Generate(10_000, seed: 3);
        double Share(PayPlan plan) => inventory.Positions.Count(p => p.PayPlan == plan) / 10_000.0;

        Assert.InRange(Share(PayPlan.ES), 0.84, 0.86);
        Assert.InRange(Share(PayPlan.SL), 0.08, 0.10);
        Assert.InRange(Share(PayPlan.ST), 0.05, 0.07);
    }

    [Fact]
    public void Designations_incumbencies_and_locations_are_realistic()
    {
        var inventory = InventoryGenerator.Generate(10_000, seed: 4);
        var asOf = InventoryGenerator.ReferenceDate;
        var es = inventory.Positions.Where(p => p.PayPlan == PayPlan.ES).ToList();
        var current = es.Select(p => inventory.DesignationHistoryOf(p.PositionId).Last().Designation).ToList();
        var redesignated = es.Count(p => inventory.DesignationHistoryOf(p.PositionId)
            .Any(d => d.Designation == Designation.CareerReserved && d.EffectiveDate > new DateOnly(2021, 1, 19)));
        var incumbents = inventory.Incumbencies;
        var vacantNow = inventory.Positions.Count(p => !inventory.IncumbenciesOf(p.PositionId).Any(i => i.Start <= asOf && (i.End ?? DateOnly.MaxValue) >= asOf));

        Assert.InRange(current.Count(d => d == Designation.CareerReserved) / (double)es.Count, 0.45, 0.58);
        Assert.InRange(redesignated / (double)es.Count, 0.05, 0.10);
        Assert.InRange(inventory.Positions.Count(p => p.Location == "Washington, DC") / 10_000.0, 0.7, 0.9);
        Assert.True(incumbents.Count(i => i.AppointmentType == AppointmentType.CA) > incumbents.Count / 2);
        Assert.Contains(incumbents, i => i.AppointmentType == AppointmentType.TA);
        Assert.Contains(incumbents, i => i.AppointmentType == AppointmentType.EA);
        Assert.InRange(vacantNow / 10_000.0, 0.03, 0.20);
        Assert.All(inventory.Positions.Where(p => p.PayPlan != PayPlan.ES), p => Assert.Empty(inventory.DesignationHistoryOf(p.PositionId)));
        Assert.All(inventory.Positions, p => Assert.Matches(@"^EX-\d{6}$", p.PositionId));
        Assert.Equal(10_000, inventory.Positions.Select(p => p.PositionId).Distinct().Count());
    }

    [Fact]
    public void Noncareer_appointees_hold_only_General_ES_positions()
    {
        var inventory = InventoryGenerator.Generate(5_000, seed: 9);
        var plans = inventory.Positions.ToDictionary(p => p.PositionId, p => p.PayPlan);

        foreach (var na in inventory.Incumbencies.Where(i => i.AppointmentType == AppointmentType.NA))
        {
            Assert.Equal(PayPlan.ES, plans[na.PositionId]);
            var history = inventory.DesignationHistoryOf(na.PositionId).ToList();
            Assert.All(history.Where(d => d.EffectiveDate > na.Start && d.EffectiveDate <= (na.End ?? DateOnly.MaxValue)),
                d => Assert.NotEqual(Designation.CareerReserved, d.Designation));
            Assert.Equal(Designation.General, history.Last(d => d.EffectiveDate <= na.Start).Designation);
        }
    }

    [Fact]
    public void Components_hold_20_to_150_positions_and_allocations_cover_them()
    {
        var inventory = InventoryGenerator.Generate(5_000, seed: 6);
        var sizes = inventory.Positions.GroupBy(p => p.Component).Select(g => g.Count()).ToList();

        Assert.All(sizes, s => Assert.InRange(s, 20, 150));
        foreach (var group in inventory.Positions.GroupBy(p => (p.Component, p.PayPlan)))
        {
            var allocation = Assert.Single(inventory.Allocations, a => a.Component == group.Key.Component && a.PayPlan == group.Key.PayPlan);
            Assert.InRange(allocation.Allocated, group.Count(), group.Count() + 2);
        }
    }

    [Fact]
    public void Most_agencies_stay_within_the_noncareer_limit()
    {
        var inventory = InventoryGenerator.Generate(12_000, seed: 8, agencyCount: 75);
        var results = new Limits.NoncareerLimit().Check(inventory, InventoryGenerator.ReferenceDate);

        Assert.Equal(75, results.Count);
        Assert.True(results.Count(r => r.Exceeded) <= 3);
        var sizes = inventory.Positions.GroupBy(p => p.Agency).Select(g => g.Count()).OrderDescending().ToList();
        Assert.InRange(sizes[0], 300, 1_300);
        Assert.Equal(12_000, sizes.Sum());
        Assert.Equal(inventory.Positions.Select(p => p.Component).Distinct().Count(),
            inventory.Positions.Select(p => (p.Agency, p.Component)).Distinct().Count());
    }
}
