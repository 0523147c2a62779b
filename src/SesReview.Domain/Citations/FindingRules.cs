namespace SesReview.Domain.Citations;

/// <summary>
/// The rule text and citation of every <see cref="FindingKind"/>, in one place so a reviewer checks the product's
/// reading of a memo or statute here and nowhere else. Wording follows OPM's memos of February 5, 2025 ("Guidance on
/// Career Reserved Senior Executive Service Positions") and November 24, 2025 (executive allocation review), and
/// title 5 of the U.S. Code.
/// </summary>
public static class FindingRules
{
    public const string February2025Memo = "OPM memo of 2025-02-05";
    public const string November2025Memo = "OPM memo of 2025-11-24";

    /// <summary>The rule and citation of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A kind without a rule: add it here (a test enumerates every kind).</exception>
    public static RuleCitation For(FindingKind kind) => kind switch
    {
        FindingKind.GeneralOnCutoffDate => new($"{February2025Memo}, paragraph 1(a)",
            "Identify every SES position that was General on January 19, 2021."),
        FindingKind.MajorityNoncareer => new($"{February2025Memo}, paragraph 1(b)",
            "Identify every SES position that was General and filled by noncareer appointees for a majority of the prior administration (2021-01-20 to 2025-01-20)."),
        FindingKind.NotIdentified => new($"{February2025Memo}, paragraphs 1(a) and 1(b)",
            "A position that meets neither criterion of paragraph 1 is not identified and needs no action."),
        FindingKind.HistoryMissing => new($"{February2025Memo}, paragraph 1",
            "The criteria are checked from the position's designation and incumbency history; without it they cannot be applied."),
        FindingKind.RevertUnlessRetained => new($"{February2025Memo}, paragraph 2",
            "An identified position redesignated from General to Career Reserved reverts to General unless the agency head asks OPM to keep it Career Reserved."),
        FindingKind.ReportedToOpm => new($"{February2025Memo}, paragraph 3",
            "Report every identified position to OPM within 45 days of the memo, with each retention request and its justification."),
        FindingKind.CareerReservedCriterion => new("5 U.S.C. 3132(b)(1)",
            "A position may be career reserved only where filling it by a career appointee is necessary to ensure impartiality, or the public's confidence in the impartiality, of the Government; a retention request must say why."),
        FindingKind.ReassignmentNotice => new("5 U.S.C. 3395(a)(2)",
            "A career appointee reassigned gets at least 15 days' written notice, or 60 days if the new position is outside the commuting area."),
        FindingKind.ReassignmentMoratorium => new("5 U.S.C. 3395(e)",
            "No involuntary reassignment of a career appointee within 120 days after a new agency head, or a new noncareer immediate supervisor, is appointed."),
        FindingKind.NoncareerLimit => new("5 U.S.C. 3134(d)",
            "Noncareer appointees may hold at most 25% of an agency's SES positions."),
        FindingKind.AllocationAdjustment => new(November2025Memo,
            "Review SES, SL and ST allocations in step with the Annual Staffing Plan and report adjustments, with reasons and justifications, on OPM's agency adjustment template."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No rule text or citation for this finding kind."),
    };
}
