using SesReview.Domain.Citations;
using SesReview.Domain.Model;

namespace SesReview.Domain.DesignationReview;

/// <summary>The result of checking one ES position against the February 5, 2025 memo.</summary>
/// <param name="GeneralOnCutoffDate">Criterion (a): General on 2021-01-19.</param>
/// <param name="NoncareerDaysInWindow">Days held by NA appointees in 2021-01-20..2025-01-20, overlaps merged.</param>
/// <param name="MajorityNoncareer">Criterion (b): General and NA for at least the majority threshold.</param>
/// <param name="Identified">Criterion (a) or (b) is met: the position is reported to OPM.</param>
/// <param name="RedesignatedToCareerReservedOn">Date of the first General → CR change after 2021-01-19, if any.</param>
/// <param name="CurrentDesignation">Designation on the assessment date; null when the inventory has none.</param>
/// <param name="Reason">The assessment in words, for the approver and the report.</param>
/// <param name="Flags">Items for the CHCO's attention (3395 notice, 120-day moratorium); not decisions.</param>
/// <param name="Findings">Each rule that applied, with its citation and the numbers behind it (<see cref="DesignationFindings"/>);
/// empty only for assessments stored before findings existed.</param>
public sealed record DesignationAssessment(
    string PositionId,
    bool GeneralOnCutoffDate,
    int NoncareerDaysInWindow,
    bool MajorityNoncareer,
    bool Identified,
    DateOnly? RedesignatedToCareerReservedOn,
    Designation? CurrentDesignation,
    ProposedAction ProposedAction,
    string Reason,
    IReadOnlyList<string> Flags,
    IReadOnlyList<FindingExplanation>? Findings = null)
{
    /// <summary>An approver must decide this position: revert, or request retention with a justification.</summary>
    public bool NeedsDecision => ProposedAction == ProposedAction.RevertToGeneral;
}
