using System.Globalization;
using SesReview.Domain.Citations;
using SesReview.Domain.Limits;

namespace SesReview.Domain.AllocationReview;

/// <summary>Explains allocation-review results as findings with their rule and citation (<see cref="FindingRules"/>).</summary>
public static class AllocationFindings
{
    /// <summary>One allocation line: the adjustment and the numbers behind it (memo of 2025-11-24).</summary>
    public static FindingExplanation Explain(AllocationLine line)
    {
        var rate = (line.VacancyRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var adjustment = line.ProposedAdjustment == 0 ? "no adjustment" : $"adjustment {line.ProposedAdjustment:+#;-#;0}";
        return FindingExplanation.Of(FindingKind.AllocationAdjustment,
            $"{line.Component} {line.PayPlan}: {line.Allocated} allocated, {line.Filled} filled, {line.Vacant} vacant ({rate}); {adjustment} → {line.ResultingAllocation}.");
    }

    /// <summary>The agency against the 25% noncareer limit (5 U.S.C. 3134(d)).</summary>
    public static FindingExplanation Explain(NoncareerLimitResult limit) => FindingExplanation.Of(FindingKind.NoncareerLimit,
        !limit.Applies
            ? $"{limit.Agency}: {limit.Positions} SES positions, below the 4 at which the limit applies."
            : $"{limit.Agency}: {limit.NoncareerCount} noncareer of {limit.Positions} SES positions; at most {limit.MaximumAllowed} allowed{(limit.Exceeded ? " — limit exceeded" : "")}.");
}
