using System.Security.Cryptography;
using System.Text;
using SesReview.Domain.Model;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Domain.Samples;

namespace SesReview.Domain.Tests;

/// <summary>
/// Pins the cross-check's whole answer on a seeded, generated inventory and a PLUM side derived from it with every kind of
/// difference, so a change made for speed cannot change what the CHCO is shown. The digest was printed by the matcher as
/// it stood before the speed work (commit ee56034).
/// </summary>
public class PlumCrossCheckPinnedResultTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    [Fact]
    public void The_cross_check_of_a_seeded_inventory_gives_the_pinned_differences_and_match_counts()
    {
        var inventory = InventoryGenerator.Generate(3_000, seed: 7, agencyCount: 6);
        var plum = DerivedPlum(inventory);

        var result = PlumCrossChecker.Check(inventory, plum, AsOf);

        Assert.Equal(3_000, result.InventoryPositions);
        Assert.All(Enum.GetValues<PlumDifferenceKind>(), kind => Assert.True(result.Differences.Any(d => d.Kind == kind), $"no {kind} difference"));
        Assert.All(new[] { MatchConfidence.High, MatchConfidence.Medium, MatchConfidence.Low }, c => Assert.True(result.MatchedByConfidence.GetValueOrDefault(c) > 0, $"no {c} match"));
        Assert.Equal(PinnedSummary, Summary(result));
        Assert.Equal(PinnedDigest, Digest(result));
    }

    private const string PinnedSummary =
        "3000/1684; Low 20, Medium 179, High 1475; ListedInPlumButCareerReserved 48, NoncareerIncumbentMissing 40, GeneralNoncareerNotInPlum 10, TitleDiffers 41, OrganizationDiffers 23";
    private const string PinnedDigest = "FB6BC67D2453E172A19253A145CDD06FCC3387FEE195682C6585D2E7EF14D98F";

    private static string Summary(PlumCrossCheckResult r) =>
        $"{r.InventoryPositions}/{r.PlumPositions}; " + string.Join(", ", r.MatchedByConfidence.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) + "; " +
        string.Join(", ", r.Differences.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Every field of every difference, in the order given.</summary>
    private static string Digest(PlumCrossCheckResult r)
    {
        var text = new StringBuilder();
        foreach (var d in r.Differences)
            text.Append(d.Kind).Append('|').Append(d.Confidence).Append('|').Append(d.InventoryPositionId).Append('|').Append(d.PlumPositionId).Append('|')
                .Append(d.Agency).Append('|').Append(d.Organization).Append('|').Append(d.Title).Append('|').Append(d.Incumbent).Append('|').Append(d.Detail).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// PLUM as the importer gives it, derived from the inventory: its General ES positions (and every 41st Career Reserved one),
    /// with titles and organizations written differently (abbreviations, '&amp;', case) or changed, incumbents written
    /// "LAST, FIRST" or replaced by a noncareer newcomer, and positions of an agency the inventory does not hold.
    /// </summary>
    private static PositionInventory DerivedPlum(PositionInventory inventory)
    {
        var positions = new List<Position>();
        var incumbencies = new List<Incumbency>();
        var i = 0;
        foreach (var p in inventory.Positions)
        {
            i++;
            var designation = inventory.DesignationHistoryOf(p.PositionId).LastOrDefault(d => d.EffectiveDate <= AsOf)?.Designation;
            if (p.PayPlan == PayPlan.ES && designation != Designation.General && i % 41 != 0) continue;
            var incumbent = inventory.IncumbenciesOf(p.PositionId).LastOrDefault(x => x.End is null);
            if (i % 97 == 0 || (i % 3 == 1 && incumbent?.AppointmentType == AppointmentType.NA)) continue; // PLUM misses some
            var id = $"PLUM-{i}";
            var title = i % 37 == 0 ? "PRINCIPAL " + p.Title : i % 5 == 0 ? p.Title.ToUpperInvariant().Replace("ASSISTANT", "ASST.") : p.Title;
            var organization = i % 53 == 0 ? p.Component + " (REORGANIZED)" : i % 7 == 0 ? p.Component.Replace(" and ", " & ") : p.Component;
            positions.Add(new Position(id, p.Agency, organization, title, p.PayPlan, p.Location));
            if (incumbent is null) continue;
            var name = incumbent.IncumbentName;
            var type = incumbent.AppointmentType;
            if (i % 29 == 0 && p.PayPlan == PayPlan.ES) (type, name) = (AppointmentType.NA, $"Morgan Newcomer{i}");
            else if (i % 3 == 0 && name is { } n && n.LastIndexOf(' ') is var space and > 0) name = $"{n[(space + 1)..].ToUpperInvariant()}, {n[..space]}";
            incumbencies.Add(new Incumbency(id, type, incumbent.Start, null, name));
        }
        positions.Add(new Position("PLUM-X1", "EXECUTIVE OFFICE OF EXAMPLE", "OFFICE 1", "SPECIAL ASSISTANT", PayPlan.ES, "WASHINGTON, DC"));
        incumbencies.Add(new Incumbency("PLUM-X1", AppointmentType.NA, new DateOnly(2025, 2, 3), null, "ALEX STAFFER"));
        return PositionInventory.Create(positions, positions.Select(p => new DesignationChange(p.PositionId, Designation.General, new DateOnly(2024, 12, 31))), incumbencies);
    }
}
