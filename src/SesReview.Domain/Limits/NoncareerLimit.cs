using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.Limits;

/// <summary>
/// 5 U.S.C. 3134(d): the number of noncareer appointees in an agency may not exceed 25 percent of the agency's
/// SES positions; the limit is not applied to an agency with fewer than 4 positions. Share and threshold are settings.
/// </summary>
public sealed class NoncareerLimit
{
    private readonly NoncareerLimitOptions _options;

    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public NoncareerLimit(NoncareerLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public NoncareerLimit() : this(new NoncareerLimitOptions())
    {
    }

    /// <summary>floor(share × positions): 4 positions allow 1, 7 allow 1, 8 allow 2.</summary>
    public int MaximumAllowed(int positions) => (int)decimal.Floor(_options.MaximumShare * Math.Max(0, positions));

    public NoncareerLimitResult Check(string agency, int positions, int noncareerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positions);
        ArgumentOutOfRangeException.ThrowIfNegative(noncareerCount);
        var max = MaximumAllowed(positions);
        var applies = positions >= _options.MinimumPositions;
        var exceeded = applies && noncareerCount > max;
        var percent = $"{_options.MaximumShare * 100m:0.##}%";
        var head = $"{agency}: {noncareerCount} noncareer appointee(s) against {positions} SES position(s)";
        var message = !applies
            ? $"{head}; the {percent} limit is not applied below {_options.MinimumPositions} positions (5 U.S.C. 3134(d))."
            : exceeded
                ? $"{head} exceeds the {percent} limit of {max} by {noncareerCount - max} (5 U.S.C. 3134(d))."
                : $"{head} is within the {percent} limit of {max} (5 U.S.C. 3134(d)).";
        return new NoncareerLimitResult(agency, positions, noncareerCount, max, applies, exceeded, message);
    }

    /// <summary>
    /// Every agency of the inventory on <paramref name="asOf"/>: positions = its ES positions; noncareer count =
    /// its ES positions held by an NA appointee that day. Ordered by agency name.
    /// </summary>
    public IReadOnlyList<NoncareerLimitResult> Check(PositionInventory inventory, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory.Positions
            .Where(p => p.PayPlan == PayPlan.ES)
            .GroupBy(p => p.Agency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Check(g.Key, g.Count(), g.Count(p => IsNoncareerOn(inventory, p.PositionId, asOf))))
            .ToList();
    }

    /// <summary>Whether an NA appointee holds the position on <paramref name="day"/>.</summary>
    public static bool IsNoncareerOn(PositionInventory inventory, string positionId, DateOnly day) =>
        inventory.IncumbenciesOf(positionId).Any(i =>
            i.AppointmentType == AppointmentType.NA && i.Start <= day && (i.End is null || i.End >= day));
}
