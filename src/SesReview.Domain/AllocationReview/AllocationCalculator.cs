using System.Globalization;
using SesReview.Domain.Calendar;
using SesReview.Domain.Limits;
using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.AllocationReview;

/// <summary>
/// The executive allocation review (OPM memo of November 24, 2025): current allocations, filled, vacant and
/// vacancy rate per component and pay plan, consolidated with the components' proposed adjustments into the lines
/// of the agency adjustment template, with rule warnings. Pure and thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Allocation"/> carries no agency, so an allocation belongs to an agency when its component has a
/// position of that agency, or when every position of the inventory is of that agency. Component names are
/// therefore assumed unique across the agencies of one inventory.
/// </remarks>
public sealed class AllocationCalculator
{
    private readonly AllocationReviewOptions _options;
    private readonly NoncareerLimit _limit;
    private readonly BusinessCalendar _calendar;

    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public AllocationCalculator(AllocationReviewOptions options, NoncareerLimitOptions limitOptions, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        options.Validate();
        _options = options;
        _limit = new NoncareerLimit(limitOptions);
        _calendar = calendar;
    }

    /// <summary>A calculator with the default settings and calendar.</summary>
    public AllocationCalculator() : this(new AllocationReviewOptions(), new NoncareerLimitOptions(), BusinessCalendar.Default)
    {
    }

    /// <summary>The due date: the configured date (2025-12-19), rolled forward if offices are closed; due at close of business.</summary>
    public DateOnly DueDate => _calendar.Deadline(_options.DueDate);

    /// <summary>
    /// Current lines of <paramref name="agency"/> with no adjustment, ordered by component (ordinal) then pay plan.
    /// Filled = positions with an incumbency covering <paramref name="asOf"/>; vacant = max(0, allocated − filled);
    /// vacancy rate = vacant ÷ allocated (0 when nothing is allocated). A component and pay plan that has positions
    /// but no allocation in the inventory is taken as allocated one per position. Warnings cover vacancy only.
    /// </summary>
    public IReadOnlyList<AllocationLine> CurrentLines(PositionInventory inventory, string agency, DateOnly asOf) =>
        Review(inventory, agency, asOf, []).Lines;

    /// <summary>
    /// Consolidates the proposals (at most one per component and pay plan) into the agency's review.
    /// Line warnings: vacancy rate above the threshold with no reason or justification; an adjustment with no
    /// justification; resulting allocation below the filled positions. Agency warning: the 25% noncareer limit
    /// (5 U.S.C. 3134(d)) checked against the <b>resulting</b> ES allocation; redesignations without justification.
    /// </summary>
    /// <param name="dueDate">The cycle's own deadline, shown on the workbook; null: the configured memo due date (<see cref="DueDate"/>).</param>
    /// <exception cref="ArgumentException">A proposal names a component and pay plan the agency does not have, two
    /// proposals name the same one, a proposal would leave a negative allocation, or a redesignation names a
    /// position that is not an ES position of the agency.</exception>
    public AllocationReviewResult Review(
        PositionInventory inventory,
        string agency,
        DateOnly asOf,
        IEnumerable<AdjustmentProposal> proposals,
        IEnumerable<RedesignationProposal>? redesignations = null,
        DateOnly? dueDate = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(proposals);
        var counts = Count(inventory, agency, asOf);
        var byKey = new Dictionary<(string Component, PayPlan PayPlan), AdjustmentProposal>(KeyComparer.Instance);
        foreach (var p in proposals)
        {
            var key = (p.Component.Trim(), p.PayPlan);
            if (!counts.ContainsKey(key))
            {
                throw new ArgumentException($"Proposal for unknown component and pay plan: '{p.Component}' {p.PayPlan} is not in the allocations or positions of {agency}.", nameof(proposals));
            }
            if (!byKey.TryAdd(key, p))
            {
                throw new ArgumentException($"Two proposals for '{p.Component}' {p.PayPlan}; consolidate them into one.", nameof(proposals));
            }
        }

        var lines = new List<AllocationLine>(counts.Count);
        foreach (var ((component, payPlan), (allocated, filled)) in counts.OrderBy(c => c.Key.Component, StringComparer.Ordinal).ThenBy(c => c.Key.PayPlan))
        {
            byKey.TryGetValue((component, payPlan), out var proposal);
            lines.Add(Line(component, payPlan, allocated, filled, proposal));
        }

        var warnings = new List<string>();
        if (NoncareerLimitWarning(inventory, agency, asOf, lines) is { } limitWarning)
        {
            warnings.Add(limitWarning);
        }
        var redesignationList = Redesignations(inventory, agency, asOf, redesignations ?? [], warnings);
        return new AllocationReviewResult(agency, dueDate ?? DueDate, lines, redesignationList, warnings);
    }

    /// <summary>The 25% noncareer limit of <paramref name="agency"/> against the resulting ES allocation of <paramref name="lines"/>.</summary>
    public NoncareerLimitResult NoncareerLimitAfter(PositionInventory inventory, string agency, DateOnly asOf, IEnumerable<AllocationLine> lines) =>
        _limit.Check(agency, lines.Where(l => l.PayPlan == PayPlan.ES).Sum(l => l.ResultingAllocation), NoncareerCount(inventory, agency, asOf));

    /// <summary>Vacant ÷ allocated, 0 when nothing is allocated.</summary>
    public static decimal VacancyRate(int vacant, int allocated) => allocated <= 0 ? 0m : (decimal)vacant / allocated;

    private AllocationLine Line(string component, PayPlan payPlan, int allocated, int filled, AdjustmentProposal? proposal)
    {
        var vacant = Math.Max(0, allocated - filled);
        var rate = VacancyRate(vacant, allocated);
        var adjustment = proposal?.Adjustment ?? 0;
        var resulting = allocated + adjustment;
        if (resulting < 0)
        {
            throw new ArgumentException($"Proposal for '{component}' {payPlan} adjusts {allocated} by {adjustment}, leaving a negative allocation.");
        }
        var reason = Blank(proposal?.Reason) ? null : proposal!.Reason!.Trim();
        var justification = Blank(proposal?.Justification) ? null : proposal!.Justification!.Trim();
        var warnings = new List<string>();
        if (rate > _options.VacancyExplanationThreshold && reason is null && justification is null)
        {
            warnings.Add($"Vacancy rate {Percent(rate)} ({vacant} of {allocated}) is above {Percent(_options.VacancyExplanationThreshold)}: give a reason or justification.");
        }
        if (adjustment != 0 && justification is null)
        {
            warnings.Add($"Adjustment of {adjustment:+0;-0} has no justification.");
        }
        if (resulting < filled)
        {
            warnings.Add($"Resulting allocation {resulting} is below the {filled} filled position(s).");
        }
        return new AllocationLine(component, payPlan, allocated, filled, vacant, rate, adjustment, resulting, reason, justification, warnings);
    }

    private string? NoncareerLimitWarning(PositionInventory inventory, string agency, DateOnly asOf, IReadOnlyList<AllocationLine> lines)
    {
        var noncareer = NoncareerCount(inventory, agency, asOf);
        var before = _limit.Check(agency, lines.Where(l => l.PayPlan == PayPlan.ES).Sum(l => l.Allocated), noncareer);
        var after = NoncareerLimitAfter(inventory, agency, asOf, lines);
        if (!after.Exceeded)
        {
            return null;
        }
        return before.Exceeded
            ? $"Noncareer limit already exceeded on current ES allocations and still exceeded after the adjustments: {after.Message}"
            : $"The proposed ES reductions would break the noncareer limit: {after.Message}";
    }

    private static int NoncareerCount(PositionInventory inventory, string agency, DateOnly asOf) =>
        inventory.Positions.Count(p => p.PayPlan == PayPlan.ES
                                       && string.Equals(p.Agency, agency, StringComparison.Ordinal)
                                       && NoncareerLimit.IsNoncareerOn(inventory, p.PositionId, asOf));

    private static Dictionary<(string Component, PayPlan PayPlan), (int Allocated, int Filled)> Count(PositionInventory inventory, string agency, DateOnly asOf)
    {
        var positionCounts = new Dictionary<(string, PayPlan), (int Positions, int Filled)>(KeyComparer.Instance);
        var components = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var singleAgency = true;
        foreach (var p in inventory.Positions)
        {
            if (!string.Equals(p.Agency, agency, StringComparison.Ordinal))
            {
                singleAgency = false;
                continue;
            }
            components.Add(p.Component.Trim());
            var filled = inventory.IncumbenciesOf(p.PositionId).Any(i => i.Start <= asOf && (i.End is null || i.End >= asOf));
            var key = (p.Component, p.PayPlan);
            var (n, f) = positionCounts.GetValueOrDefault(key);
            positionCounts[key] = (n + 1, f + (filled ? 1 : 0));
        }

        var allocated = new Dictionary<(string, PayPlan), int>(KeyComparer.Instance);
        foreach (var a in inventory.Allocations)
        {
            if (singleAgency || components.Contains(a.Component.Trim()))
            {
                var key = (a.Component, a.PayPlan);
                allocated[key] = allocated.GetValueOrDefault(key) + a.Allocated;
            }
        }

        var result = new Dictionary<(string Component, PayPlan PayPlan), (int Allocated, int Filled)>(KeyComparer.Instance);
        foreach (var (key, n) in allocated)
        {
            result[key] = (n, positionCounts.GetValueOrDefault(key).Filled);
        }
        foreach (var (key, (positions, filled)) in positionCounts)
        {
            result.TryAdd(key, (positions, filled));
        }
        return result;
    }

    private static List<RedesignationProposal> Redesignations(
        PositionInventory inventory, string agency, DateOnly asOf, IEnumerable<RedesignationProposal> proposals, List<string> warnings)
    {
        var positions = inventory.Positions
            .Where(p => string.Equals(p.Agency, agency, StringComparison.Ordinal))
            .ToDictionary(p => p.PositionId, StringComparer.Ordinal);
        var list = new List<RedesignationProposal>();
        foreach (var r in proposals)
        {
            if (!positions.TryGetValue(r.PositionId, out var position))
            {
                throw new ArgumentException($"Redesignation of unknown position {r.PositionId}: not a position of {agency}.", nameof(proposals));
            }
            if (position.PayPlan != PayPlan.ES)
            {
                throw new ArgumentException($"Redesignation of {r.PositionId}: {position.PayPlan} positions carry no designation.", nameof(proposals));
            }
            if (r.From == r.To)
            {
                warnings.Add($"Redesignation of {r.PositionId} ({r.Title}) does not change its designation.");
            }
            if (Blank(r.Justification))
            {
                warnings.Add($"Redesignation of {r.PositionId} ({r.Title}) has no justification.");
            }
            var current = Designation(inventory, r.PositionId, asOf);
            if (current is { } c && c != r.From)
            {
                warnings.Add($"Redesignation of {r.PositionId} ({r.Title}) is from {r.From.ToCode()} but the position is {c.ToCode()} on {asOf:yyyy-MM-dd}.");
            }
            list.Add(r);
        }
        list.Sort((a, b) =>
        {
            var byComponent = string.CompareOrdinal(a.Component, b.Component);
            return byComponent != 0 ? byComponent : string.CompareOrdinal(a.Title, b.Title);
        });
        return list;
    }

    private static Designation? Designation(PositionInventory inventory, string positionId, DateOnly day) =>
        inventory.DesignationHistoryOf(positionId).LastOrDefault(d => d.EffectiveDate <= day)?.Designation;

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static string Percent(decimal fraction) => PercentText.OneDecimal(fraction);

    /// <summary>Component names match ignoring case and surrounding spaces (files spell them inconsistently).</summary>
    private sealed class KeyComparer : IEqualityComparer<(string Component, PayPlan PayPlan)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Component, PayPlan PayPlan) x, (string Component, PayPlan PayPlan) y) =>
            x.PayPlan == y.PayPlan && string.Equals(x.Component.Trim(), y.Component.Trim(), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Component, PayPlan PayPlan) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Component.Trim()), obj.PayPlan);
    }
}
