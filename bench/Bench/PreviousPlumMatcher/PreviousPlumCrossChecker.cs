using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;

using SesReview.Domain.PlumCrossCheck;

namespace Bench.PreviousPlumMatcher;

/// <summary>
/// The benchmark's baseline: <c>PlumCrossChecker</c> as it stood at commit ee56034, before the speed work (kept unchanged
/// apart from its name, so the benchmark can time both in one run and check they give the same answer).
/// Cross-checks the agency's inventory against OPM's PLUM export (as the PLUM importer turns it into positions) and lists
/// the differences a CHCO must resolve before reporting. PLUM has no position number, so positions are matched by
/// agency plus organization, title and incumbent (normalized by <see cref="PreviousMatchKeys"/>), in passes of falling confidence:
/// <list type="number">
/// <item>organization + title + incumbent: <see cref="MatchConfidence.High"/>;</item>
/// <item>organization + title, one position on each side: <see cref="MatchConfidence.Medium"/>;</item>
/// <item>organization + incumbent, one on each side (titles differ): Medium;</item>
/// <item>title + incumbent, one on each side (organizations differ): Medium;</item>
/// <item>organization + title shared by several positions: paired in file order, <see cref="MatchConfidence.Low"/>.</item>
/// </list>
/// Every pass looks keys up in dictionaries, so the check is linear in the two inventories' sizes. PLUM positions of agencies
/// the inventory does not hold are ignored, so the full government-wide file can be given as it comes. Pure and thread-safe.
/// </summary>
public static class PreviousPlumCrossChecker
{
    /// <summary>One position with its normalized keys as small integers (one per distinct normalized text), so each pass hashes ints, not strings.</summary>
    private sealed class Side(Position position, IReadOnlyList<Incumbency> incumbencies, KeyIds ids)
    {
        public Position Position { get; } = position;
        public IReadOnlyList<Incumbency> Incumbencies { get; } = incumbencies;
        public Incumbency? Latest { get; } = incumbencies.Count == 0 ? null : incumbencies[^1];
        public int Agency { get; } = ids.Text(position.Agency);
        public int Organization { get; } = ids.Text(position.Component);
        public int Title { get; } = ids.Text(position.Title);
        /// <summary>0 when the position has no named incumbent.</summary>
        public int Person { get; } = ids.Person(incumbencies.Count == 0 ? null : incumbencies[^1].IncumbentName);
        public Side? Match { get; set; }
        public MatchConfidence Confidence { get; set; }
    }

    /// <summary>Numbers each distinct normalized text (and person) once; raw texts that normalize alike get the same number.</summary>
    private sealed class KeyIds
    {
        private readonly Dictionary<string, int> _raw = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rawPeople = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _normalized = new(StringComparer.Ordinal);

        public int Text(string value)
        {
            if (!_raw.TryGetValue(value, out var id)) _raw[value] = id = Id("T:" + PreviousMatchKeys.Text(value));
            return id;
        }

        public int Person(string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return 0;
            if (!_rawPeople.TryGetValue(name, out var id))
            {
                var key = PreviousMatchKeys.Person(name);
                _rawPeople[name] = id = key.Length == 0 ? 0 : Id("P:" + key);
            }
            return id;
        }

        private int Id(string normalized)
        {
            if (!_normalized.TryGetValue(normalized, out var id)) _normalized[normalized] = id = _normalized.Count + 1;
            return id;
        }
    }

    /// <param name="asOf">The day the inventory's designation and incumbent are read on (normally today).</param>
    public static PlumCrossCheckResult Check(PositionInventory inventory, PositionInventory plum, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(plum);
        // Agencies, organizations and titles repeat: normalize each distinct text once.
        var ids = new KeyIds();
        var mine = Sides(inventory, ids, null);
        var agencies = mine.Select(s => s.Agency).ToHashSet();
        var theirs = Sides(plum, ids, agencies);

        Pass(mine, theirs, s => s.Person == 0 ? null : (s.Agency, s.Organization, s.Title, s.Person), MatchConfidence.High, uniqueOnly: false);
        Pass(mine, theirs, s => (s.Agency, s.Organization, s.Title, 0), MatchConfidence.Medium, uniqueOnly: true);
        var titleDiffers = Pass(mine, theirs, s => s.Person == 0 ? null : (s.Agency, s.Organization, 0, s.Person), MatchConfidence.Medium, uniqueOnly: true);
        var organizationDiffers = Pass(mine, theirs, s => s.Person == 0 ? null : (s.Agency, 0, s.Title, s.Person), MatchConfidence.Medium, uniqueOnly: true);
        Pass(mine, theirs, s => (s.Agency, s.Organization, s.Title, 0), MatchConfidence.Low, uniqueOnly: false);

        var differences = new List<PlumDifference>();
        foreach (var side in mine)
        {
            if (side.Match is { } p)
            {
                if (titleDiffers.Contains(side))
                {
                    differences.Add(Difference(PlumDifferenceKind.TitleDiffers, side, p,
                        $"Title differs: inventory \"{side.Position.Title}\", PLUM \"{p.Position.Title}\" (matched by organization and incumbent)."));
                }
                if (organizationDiffers.Contains(side))
                {
                    differences.Add(Difference(PlumDifferenceKind.OrganizationDiffers, side, p,
                        $"Organization differs: inventory \"{side.Position.Component}\", PLUM \"{p.Position.Component}\" (matched by title and incumbent)."));
                }
                if (side.Position.PayPlan == PayPlan.ES && CurrentDesignation(inventory, side.Position.PositionId, asOf) is { Designation: Designation.CareerReserved } cr)
                {
                    differences.Add(Difference(PlumDifferenceKind.ListedInPlumButCareerReserved, side, p,
                        $"PLUM lists the position, so it is General there; the inventory records it Career Reserved since {cr.EffectiveDate:yyyy-MM-dd}: a redesignation the report must include."));
                }
            }
            else if (side.Position.PayPlan == PayPlan.ES
                && CurrentDesignation(inventory, side.Position.PositionId, asOf)?.Designation == Designation.General
                && ReassignmentFlags.IncumbentOn(side.Incumbencies, asOf) is { AppointmentType: AppointmentType.NA } na)
            {
                differences.Add(Difference(PlumDifferenceKind.GeneralNoncareerNotInPlum, side, null,
                    $"General, with noncareer incumbent {na.IncumbentName ?? "(unnamed)"} since {na.Start:yyyy-MM-dd}, but PLUM does not list the position."));
            }
        }
        foreach (var p in theirs)
        {
            var known = p.Match?.Incumbencies.Select(i => PreviousMatchKeys.Person(i.IncumbentName)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
            foreach (var na in p.Incumbencies.Where(i => i.AppointmentType == AppointmentType.NA && !string.IsNullOrWhiteSpace(i.IncumbentName)))
            {
                if (known is not null && known.Contains(PreviousMatchKeys.Person(na.IncumbentName))) continue;
                var since = $"{na.Start:yyyy-MM-dd}{(na.End is { } e ? $" – {e:yyyy-MM-dd}" : " –")}";
                differences.Add(p.Match is { } m
                    ? Difference(PlumDifferenceKind.NoncareerIncumbentMissing, m, p,
                        $"PLUM shows noncareer incumbent {na.IncumbentName} ({since}); the inventory's incumbency history of {m.Position.PositionId} does not.")
                    : new PlumDifference(PlumDifferenceKind.NoncareerIncumbentMissing, MatchConfidence.None, null, p.Position.PositionId,
                        p.Position.Agency, p.Position.Component, p.Position.Title, na.IncumbentName,
                        $"PLUM shows noncareer incumbent {na.IncumbentName} ({since}) in a position no inventory position matched."));
            }
        }

        var byConfidence = mine.Where(s => s.Match is not null).GroupBy(s => s.Confidence)
            .OrderByDescending(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new PlumCrossCheckResult(mine.Count, theirs.Count, byConfidence,
            [.. differences.OrderBy(d => d.Kind).ThenBy(d => d.Organization, StringComparer.Ordinal).ThenBy(d => d.Title, StringComparer.Ordinal)]);
    }

    private static List<Side> Sides(PositionInventory inventory, KeyIds ids, HashSet<int>? agencies)
    {
        var byPosition = inventory.Incumbencies.GroupBy(i => i.PositionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Incumbency>)[.. g.OrderBy(i => i.Start)], StringComparer.Ordinal);
        var sides = new List<Side>(inventory.Positions.Count);
        foreach (var p in inventory.Positions)
        {
            if (agencies is not null && !agencies.Contains(ids.Text(p.Agency))) continue;
            sides.Add(new Side(p, byPosition.GetValueOrDefault(p.PositionId) ?? [], ids));
        }
        return sides;
    }

    private static DesignationChange? CurrentDesignation(PositionInventory inventory, string positionId, DateOnly asOf) =>
        inventory.DesignationHistoryOf(positionId).LastOrDefault(d => d.EffectiveDate <= asOf);

    /// <summary>Pairs still-unmatched positions whose keys agree; with <paramref name="uniqueOnly"/>, only keys held by one position on each side.</summary>
    private static HashSet<Side> Pass(List<Side> mine, List<Side> theirs, Func<Side, (int, int, int, int)?> key, MatchConfidence confidence, bool uniqueOnly)
    {
        var matched = new HashSet<Side>();
        var candidates = new Dictionary<(int, int, int, int), Queue<Side>>();
        foreach (var p in theirs)
        {
            if (p.Match is not null || key(p) is not { } k) continue;
            if (!candidates.TryGetValue(k, out var queue)) candidates[k] = queue = new Queue<Side>();
            queue.Enqueue(p);
        }
        Dictionary<(int, int, int, int), int>? mineCounts = null;
        if (uniqueOnly)
        {
            mineCounts = [];
            foreach (var s in mine)
            {
                if (s.Match is null && key(s) is { } k) mineCounts[k] = mineCounts.GetValueOrDefault(k) + 1;
            }
        }
        foreach (var s in mine)
        {
            if (s.Match is not null || key(s) is not { } k || !candidates.TryGetValue(k, out var queue) || queue.Count == 0) continue;
            if (uniqueOnly && (queue.Count != 1 || mineCounts![k] != 1)) continue;
            var p = queue.Dequeue();
            s.Match = p;
            p.Match = s;
            s.Confidence = p.Confidence = confidence;
            matched.Add(s);
        }
        return matched;
    }

    private static PlumDifference Difference(PlumDifferenceKind kind, Side inventory, Side? plum, string detail) => new(
        kind, plum is null ? MatchConfidence.None : inventory.Confidence, inventory.Position.PositionId, plum?.Position.PositionId,
        inventory.Position.Agency, inventory.Position.Component, inventory.Position.Title, inventory.Latest?.IncumbentName, detail);
}
