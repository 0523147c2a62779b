using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.DesignationReview;

/// <summary>
/// Assesses ES positions against the February 5, 2025 memo (rules in <see cref="DesignationRules"/>).
/// Pure and thread-safe; linear in the inventory's size (12,000 positions take a few milliseconds).
/// </summary>
public sealed class DesignationAssessor
{
    private readonly DesignationReviewOptions _options;
    private readonly ReassignmentOptions _reassignment;

    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public DesignationAssessor(DesignationReviewOptions options, ReassignmentOptions reassignment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reassignment);
        options.Validate();
        reassignment.Validate();
        _options = options;
        _reassignment = reassignment;
    }

    /// <summary>An assessor with the default settings.</summary>
    public DesignationAssessor() : this(new DesignationReviewOptions(), new ReassignmentOptions())
    {
    }

    /// <summary>
    /// Assesses every ES position of the inventory (SL and ST carry no designation and are skipped), in the
    /// inventory's order.
    /// </summary>
    /// <param name="asOf">The assessment date: current designation and incumbent are those on this day.</param>
    /// <param name="newAgencyHeadAppointedOn">Cycle input: when set and within the 120-day moratorium, positions
    /// whose reversion may move a career incumbent are flagged.</param>
    public IReadOnlyList<DesignationAssessment> Assess(PositionInventory inventory, DateOnly asOf, DateOnly? newAgencyHeadAppointedOn = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var results = new List<DesignationAssessment>(inventory.Positions.Count);
        foreach (var position in inventory.Positions)
        {
            if (position.PayPlan != PayPlan.ES)
            {
                continue;
            }
            results.Add(AssessCore(
                position.PositionId,
                [.. inventory.DesignationHistoryOf(position.PositionId)],
                [.. inventory.IncumbenciesOf(position.PositionId)],
                asOf,
                newAgencyHeadAppointedOn));
        }
        return results;
    }

    /// <summary>Assesses one ES position from its own history (any order) and incumbencies.</summary>
    /// <exception cref="ArgumentException">The position is not ES.</exception>
    public DesignationAssessment Assess(
        Position position,
        IEnumerable<DesignationChange> designationHistory,
        IEnumerable<Incumbency> incumbencies,
        DateOnly asOf,
        DateOnly? newAgencyHeadAppointedOn = null)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (position.PayPlan != PayPlan.ES)
        {
            throw new ArgumentException($"Position {position.PositionId} is {position.PayPlan}; only ES positions carry a designation.", nameof(position));
        }
        return AssessCore(
            position.PositionId,
            [.. designationHistory.Where(d => d.PositionId == position.PositionId).OrderBy(d => d.EffectiveDate)],
            [.. incumbencies.Where(i => i.PositionId == position.PositionId).OrderBy(i => i.Start)],
            asOf,
            newAgencyHeadAppointedOn);
    }

    private DesignationAssessment AssessCore(
        string positionId,
        IReadOnlyList<DesignationChange> history,
        IReadOnlyList<Incumbency> incumbencies,
        DateOnly asOf,
        DateOnly? newAgencyHeadAppointedOn)
    {
        var onCutoff = DesignationRules.DesignationOn(history, _options.CutoffDate);
        var generalOnCutoff = onCutoff == Designation.General;
        var noncareerDays = DesignationRules.NoncareerDaysWhileGeneral(history, incumbencies, _options);
        var majority = DesignationRules.MajorityNoncareer(noncareerDays, _options);
        var identified = generalOnCutoff || majority;
        var redesignatedOn = DesignationRules.RedesignatedToCareerReservedOn(history, _options);
        var current = DesignationRules.DesignationOn(history, asOf);
        var action = DesignationRules.DefaultAction(identified, current, redesignatedOn);
        var reason = DesignationRules.Reason(generalOnCutoff, onCutoff, noncareerDays, majority, redesignatedOn, current, action, _options);

        Incumbency? careerToMove = null;
        string? moratoriumFlag = null;
        var flags = new List<string>(2);
        if (history.Count == 0)
        {
            flags.Add("No designation history in the inventory: the criteria could not be checked.");
        }
        else if (onCutoff is null)
        {
            flags.Add($"No designation on record on {DesignationRules.Iso(_options.CutoffDate)}: criterion (a) could not be checked.");
        }
        if (redesignatedOn is { } r)
        {
            flags.Add($"Redesignated General → Career Reserved on {DesignationRules.Iso(r)}, after {DesignationRules.Iso(_options.CutoffDate)}.");
        }
        if (action == ProposedAction.RevertToGeneral
            && ReassignmentFlags.IncumbentOn(incumbencies, asOf) is { AppointmentType: AppointmentType.CA } career)
        {
            careerToMove = career;
            flags.Add(ReassignmentFlags.NoticeFlag(career, _reassignment));
            if (ReassignmentFlags.MoratoriumFlag(newAgencyHeadAppointedOn, asOf, _reassignment) is { } moratorium)
            {
                moratoriumFlag = moratorium;
                flags.Add(moratorium);
            }
        }

        var findings = DesignationFindings.Explain(
            history, incumbencies, onCutoff, noncareerDays, majority, redesignatedOn, action, careerToMove, moratoriumFlag, _options, _reassignment);
        return new DesignationAssessment(
            positionId, generalOnCutoff, noncareerDays, majority, identified, redesignatedOn, current, action, reason, flags, findings);
    }
}
