namespace SesReview.Domain.Citations;

/// <summary>
/// One finding about a position or allocation: which rule applied, the citation, and the numbers behind it, e.g.
/// "noncareer for 812 of 1,461 days: 2021-01-20 – 2023-04-11 (J. Doe, NA)".
/// </summary>
/// <param name="Because">The facts of this position that make the rule apply (or not), with dates and counts.</param>
public sealed record FindingExplanation(FindingKind Kind, string Citation, string Rule, string Because)
{
    /// <summary>A finding of <paramref name="kind"/> with its rule and citation from <see cref="FindingRules"/>.</summary>
    public static FindingExplanation Of(FindingKind kind, string because)
    {
        var rule = FindingRules.For(kind);
        return new FindingExplanation(kind, rule.Citation, rule.Rule, because);
    }

    /// <summary>"Because (citation)": one line for a page cell or a workbook column.</summary>
    public string OneLine => $"{Because} ({Citation})";
}
