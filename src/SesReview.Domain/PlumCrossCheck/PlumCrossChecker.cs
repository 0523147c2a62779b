using System.Runtime.InteropServices;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;

namespace SesReview.Domain.PlumCrossCheck;

/// <summary>
/// Cross-checks the agency's inventory against OPM's PLUM export (as the PLUM importer turns it into positions) and lists
/// the differences a CHCO must resolve before reporting. PLUM has no position number, so positions are matched by
/// agency plus organization, title and incumbent (normalized by <see cref="MatchKeys"/>), in passes of falling confidence:
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
public static class PlumCrossChecker
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

    /// <summary>
    /// Numbers each distinct normalized text (and person) once; raw texts that normalize alike get the same number. Agencies,
    /// organizations, titles and names repeat, so each distinct raw string is normalized once.
    /// </summary>
    private sealed class KeyIds
    {
        private readonly Dictionary<string, int> _rawTexts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rawPeople = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _people = new(StringComparer.Ordinal);

        public int Text(string value)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_rawTexts, value, out var known);
            if (!known) id = Id(_texts, MatchKeys.Text(value));
            return id;
        }

        /// <summary>0 when there is no name, or nothing of it to match on.</summary>
        public int Person(string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return 0;
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_rawPeople, name, out var known);
            if (!known)
            {
                var key = MatchKeys.Person(name);
                id = key.Length == 0 ? 0 : Id(_people, key);
            }
            return id;
        }

        private static int Id(Dictionary<string, int> ids, string normalized)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, normalized, out var known);
            if (!known) id = ids.Count;
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
        var designations = CurrentDesignations(inventory, asOf);

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
                if (side.Position.PayPlan == PayPlan.ES && designations.GetValueOrDefault(side.Position.PositionId) is { Designation: Designation.CareerReserved } cr)
                {
                    differences.Add(Difference(PlumDifferenceKind.ListedInPlumButCareerReserved, side, p,
                        $"PLUM lists the position, so it is General there; the inventory records it Career Reserved since {cr.EffectiveDate:yyyy-MM-dd}: a redesignation the report must include."));
                }
            }
            else if (side.Position.PayPlan == PayPlan.ES
                && designations.GetValueOrDefault(side.Position.PositionId)?.Designation == Designation.General
                && ReassignmentFlags.IncumbentOn(side.Incumbencies, asOf) is { AppointmentType: AppointmentType.NA } na)
            {
                differences.Add(Difference(PlumDifferenceKind.GeneralNoncareerNotInPlum, side, null,
                    $"General, with noncareer incumbent {na.IncumbentName ?? "(unnamed)"} since {na.Start:yyyy-MM-dd}, but PLUM does not list the position."));
            }
        }
        foreach (var p in theirs)
        {
            foreach (var na in p.Incumbencies)
            {
                if (na.AppointmentType != AppointmentType.NA || string.IsNullOrWhiteSpace(na.IncumbentName)) continue;
                if (p.Match is { } matched && HasPerson(matched.Incumbencies, ids.Person(na.IncumbentName), ids)) continue;
                var since = $"{na.Start:yyyy-MM-dd}{(na.End is { } e ? $" – {e:yyyy-MM-dd}" : " –")}";
                differences.Add(p.Match is { } m
                    ? Difference(PlumDifferenceKind.NoncareerIncumbentMissing, m, p,
                        $"PLUM shows noncareer incumbent {na.IncumbentName} ({since}); the inventory's incumbency history of {m.Position.PositionId} does not.")
                    : new PlumDifference(PlumDifferenceKind.NoncareerIncumbentMissing, MatchConfidence.None, null, p.Position.PositionId,
                        p.Position.Agency, p.Position.Component, p.Position.Title, na.IncumbentName,
                        $"PLUM shows noncareer incumbent {na.IncumbentName} ({since}) in a position no inventory position matched."));
            }
        }

        var counts = new int[(int)MatchConfidence.High + 1];
        foreach (var side in mine)
        {
            if (side.Match is not null) counts[(int)side.Confidence]++;
        }
        var byConfidence = new Dictionary<MatchConfidence, int>();
        for (var c = MatchConfidence.High; c >= MatchConfidence.None; c--)
        {
            if (counts[(int)c] > 0) byConfidence[c] = counts[(int)c];
        }
        return new PlumCrossCheckResult(mine.Count, theirs.Count, byConfidence,
            [.. differences.OrderBy(d => d.Kind).ThenBy(d => d.Organization, StringComparer.Ordinal).ThenBy(d => d.Title, StringComparer.Ordinal)]);
    }

    private static List<Side> Sides(PositionInventory inventory, KeyIds ids, HashSet<int>? agencies)
    {
        var byPosition = new Dictionary<string, List<Incumbency>>(inventory.Positions.Count, StringComparer.Ordinal);
        foreach (var i in inventory.Incumbencies)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byPosition, i.PositionId, out _);
            (list ??= new List<Incumbency>(2)).Add(i);
        }
        var sides = new List<Side>(inventory.Positions.Count);
        foreach (var p in inventory.Positions)
        {
            if (agencies is not null && !agencies.Contains(ids.Text(p.Agency))) continue;
            IReadOnlyList<Incumbency> incumbencies = byPosition.TryGetValue(p.PositionId, out var list) ? SortedByStart(list) : [];
            sides.Add(new Side(p, incumbencies, ids));
        }
        return sides;
    }

    /// <summary>Oldest first; incumbencies that start the same day keep their file order (a stable insertion sort: a position has a handful).</summary>
    private static List<Incumbency> SortedByStart(List<Incumbency> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            var item = list[i];
            var j = i - 1;
            while (j >= 0 && list[j].Start > item.Start)
            {
                list[j + 1] = list[j];
                j--;
            }
            list[j + 1] = item;
        }
        return list;
    }

    /// <summary>
    /// The designation in force on <paramref name="asOf"/> per position: the latest change on or before it; of changes on
    /// the same day, the last in the file.
    /// </summary>
    private static Dictionary<string, DesignationChange> CurrentDesignations(PositionInventory inventory, DateOnly asOf)
    {
        var current = new Dictionary<string, DesignationChange>(inventory.Positions.Count, StringComparer.Ordinal);
        foreach (var d in inventory.Designations)
        {
            if (d.EffectiveDate > asOf) continue;
            ref var inForce = ref CollectionsMarshal.GetValueRefOrAddDefault(current, d.PositionId, out var known);
            if (!known || d.EffectiveDate >= inForce!.EffectiveDate) inForce = d;
        }
        return current;
    }

    /// <summary>Whether any of the incumbencies names the person (<paramref name="person"/> 0 never matches).</summary>
    private static bool HasPerson(IReadOnlyList<Incumbency> incumbencies, int person, KeyIds ids)
    {
        if (person == 0) return false;
        for (var i = 0; i < incumbencies.Count; i++)
        {
            if (ids.Person(incumbencies[i].IncumbentName) == person) return true;
        }
        return false;
    }

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
