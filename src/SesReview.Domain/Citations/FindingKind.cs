namespace SesReview.Domain.Citations;

/// <summary>
/// Every kind of finding the product states about a position or an allocation. Each kind has exactly one rule text and
/// citation in <see cref="FindingRules"/>; a test enumerates this enum and fails if any kind has none.
/// </summary>
public enum FindingKind
{
    /// <summary>Memo of 2025-02-05 paragraph 1(a): the position was General on 2021-01-19.</summary>
    GeneralOnCutoffDate,
    /// <summary>Memo of 2025-02-05 paragraph 1(b): General and noncareer-filled for a majority of the prior administration.</summary>
    MajorityNoncareer,
    /// <summary>Neither criterion of paragraph 1 is met: the position is not identified.</summary>
    NotIdentified,
    /// <summary>The inventory lacks the history needed to check paragraph 1.</summary>
    HistoryMissing,
    /// <summary>Memo of 2025-02-05 paragraph 2: an identified position redesignated Career Reserved reverts to General unless retained.</summary>
    RevertUnlessRetained,
    /// <summary>Memo of 2025-02-05 paragraph 3: every identified position is reported to OPM within 45 days.</summary>
    ReportedToOpm,
    /// <summary>5 U.S.C. 3132(b)(1): what a retention request must show (career reserved only for impartiality or public confidence).</summary>
    CareerReservedCriterion,
    /// <summary>5 U.S.C. 3395(a)(2): notice to a career appointee before a reassignment.</summary>
    ReassignmentNotice,
    /// <summary>5 U.S.C. 3395(e): 120-day moratorium after a new agency head or noncareer supervisor.</summary>
    ReassignmentMoratorium,
    /// <summary>5 U.S.C. 3134: noncareer appointees at most 25% of the agency's SES positions.</summary>
    NoncareerLimit,
    /// <summary>Memo of 2025-11-24: allocation adjustments in step with the Annual Staffing Plan.</summary>
    AllocationAdjustment,
}
