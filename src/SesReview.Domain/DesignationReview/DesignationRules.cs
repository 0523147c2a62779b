using System.Globalization;
using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.DesignationReview;

/// <summary>
/// The rules of OPM's memo of February 5, 2025 ("Guidance on Career Reserved Senior Executive Service
/// Positions"), one small pure function each, with the statute beside the code. Designation histories passed in
/// must be oldest first (as <see cref="PositionInventory.DesignationHistoryOf"/> returns them); when two changes
/// share an effective date the later one in the list wins.
/// </summary>
public static class DesignationRules
{
    /// <summary>
    /// The designation in effect on <paramref name="day"/>: that of the last change effective on or before it.
    /// Null when the history has no change on or before the day (unknown, not "General").
    /// </summary>
    public static Designation? DesignationOn(IReadOnlyList<DesignationChange> history, DateOnly day)
    {
        Designation? current = null;
        foreach (var change in history)
        {
            if (change.EffectiveDate > day)
            {
                break;
            }
            current = change.Designation;
        }
        return current;
    }

    /// <summary>
    /// Criterion (a): the position was General on the cutoff date (2021-01-19), the last day of the
    /// administration before the prior one. A change to General effective exactly on the cutoff counts; a change
    /// effective 2021-01-20 does not (the position was still what it was on the 19th).
    /// </summary>
    public static bool GeneralOnCutoffDate(IReadOnlyList<DesignationChange> history, DesignationReviewOptions options) =>
        DesignationOn(history, options.CutoffDate) == Designation.General;

    /// <summary>
    /// The days of the window (2021-01-20 up to, not including, 2025-01-20: 1,461 days) on which the position was
    /// <b>General and</b> held by a noncareer (NA) appointee. Each NA incumbency (start and end inclusive, open
    /// end = still serving) is clipped to the window; overlapping spans are merged so a day counts once; vacant
    /// days count nothing. Only days on which the position was General are counted: the memo's criterion is
    /// "General and filled by noncareer appointees", and a noncareer appointee may not hold a Career Reserved
    /// position (5 U.S.C. 3132(b)(4)), so NA days recorded while Career Reserved are bad data, not evidence.
    /// </summary>
    public static int NoncareerDaysWhileGeneral(
        IReadOnlyList<DesignationChange> history,
        IEnumerable<Incumbency> incumbencies,
        DesignationReviewOptions options)
    {
        var window = new DayRange(options.WindowStart, options.WindowLastDay);
        var noncareer = DayRange.Merge(incumbencies
            .Where(i => i.AppointmentType == AppointmentType.NA)
            .Select(i => new DayRange(i.Start, i.End ?? DateOnly.MaxValue).Intersect(window)));
        if (noncareer.Count == 0)
        {
            return 0;
        }
        return DayRange.OverlapDays(noncareer, GeneralRanges(history, window));
    }

    /// <summary>The sorted, disjoint spans of <paramref name="within"/> during which the history says General.</summary>
    public static List<DayRange> GeneralRanges(IReadOnlyList<DesignationChange> history, DayRange within)
    {
        var ranges = new List<DayRange>();
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Designation != Designation.General)
            {
                continue;
            }
            var last = i + 1 < history.Count ? history[i + 1].EffectiveDate.AddDays(-1) : DateOnly.MaxValue;
            var span = new DayRange(history[i].EffectiveDate, last).Intersect(within);
            if (!span.IsEmpty)
            {
                ranges.Add(span);
            }
        }
        return DayRange.Merge(ranges);
    }

    /// <summary>Criterion (b): at least the majority threshold (731 of 1,461 days) General and noncareer-filled.</summary>
    public static bool MajorityNoncareer(int noncareerDaysWhileGeneral, DesignationReviewOptions options) =>
        noncareerDaysWhileGeneral >= options.MajorityDays;

    /// <summary>
    /// The effective date of the first change from General to Career Reserved effective after the cutoff date
    /// (i.e. from 2021-01-20 on), or null. A CR record that follows another CR record, or a first-ever record of
    /// CR, is not a redesignation from General.
    /// </summary>
    public static DateOnly? RedesignatedToCareerReservedOn(IReadOnlyList<DesignationChange> history, DesignationReviewOptions options)
    {
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].EffectiveDate > options.CutoffDate
                && history[i].Designation == Designation.CareerReserved
                && history[i - 1].Designation == Designation.General
                && history[i - 1].EffectiveDate < history[i].EffectiveDate)
            {
                return history[i].EffectiveDate;
            }
        }
        return null;
    }

    /// <summary>
    /// The memo's default: an identified position that has been redesignated Career Reserved (and is CR now)
    /// reverts to General unless the agency head requests retention with a justification. An identified position
    /// that is still General needs no action but is still reported; a position not identified needs none.
    /// </summary>
    public static ProposedAction DefaultAction(bool identified, Designation? currentDesignation, DateOnly? redesignatedToCareerReservedOn) =>
        identified && currentDesignation == Designation.CareerReserved && redesignatedToCareerReservedOn is not null
            ? ProposedAction.RevertToGeneral
            : ProposedAction.NoAction;

    /// <summary>
    /// The assessment in plain words, e.g. "General on 2021-01-19; redesignated Career Reserved on 2023-04-02;
    /// default action: revert to General".
    /// </summary>
    public static string Reason(
        bool generalOnCutoff,
        Designation? designationOnCutoff,
        int noncareerDays,
        bool majorityNoncareer,
        DateOnly? redesignatedOn,
        Designation? currentDesignation,
        ProposedAction action,
        DesignationReviewOptions options)
    {
        var parts = new List<string>(4);
        var window = $"from {Iso(options.WindowStart)} to {Iso(options.WindowEnd)}";
        var nc = $"{noncareerDays.ToString("N0", CultureInfo.InvariantCulture)} of the {options.WindowDays.ToString("N0", CultureInfo.InvariantCulture)} days";
        if (generalOnCutoff)
        {
            parts.Add($"General on {Iso(options.CutoffDate)}");
        }
        if (majorityNoncareer)
        {
            parts.Add($"General and filled by noncareer appointees {nc} {window} (majority is {options.MajorityDays} days)");
        }
        if (!generalOnCutoff && !majorityNoncareer)
        {
            var onCutoff = designationOnCutoff is { } d ? DisplayName(d) : "no designation on record";
            parts.Add($"Not identified: {onCutoff} on {Iso(options.CutoffDate)}; General and noncareer-filled {nc} {window} (majority is {options.MajorityDays} days)");
        }
        if (redesignatedOn is { } r)
        {
            parts.Add($"redesignated Career Reserved on {Iso(r)}");
        }
        parts.Add(action switch
        {
            ProposedAction.RevertToGeneral => "default action: revert to General",
            _ when generalOnCutoff || majorityNoncareer => currentDesignation == Designation.General
                ? "still General: no action, reported to OPM"
                : "no action, reported to OPM",
            _ => "no action",
        });
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Checks an approver's decision against the assessment: only positions the memo asks to decide
    /// (<see cref="DesignationAssessment.NeedsDecision"/>) take one; the action is revert or retention; a retention
    /// request carries a written justification of at least the configured length (the memo asks the agency head
    /// to justify keeping the position Career Reserved, 5 U.S.C. 3132(b)). Returns the problems, empty when valid.
    /// </summary>
    public static IReadOnlyList<string> CheckDecision(DesignationAssessment assessment, PositionDecision decision, DesignationReviewOptions options)
    {
        var problems = new List<string>();
        if (!string.Equals(assessment.PositionId, decision.PositionId, StringComparison.Ordinal))
        {
            problems.Add($"Decision is for position {decision.PositionId}, assessment for {assessment.PositionId}.");
        }
        if (!assessment.NeedsDecision)
        {
            problems.Add($"Position {assessment.PositionId} needs no decision (proposed action: {assessment.ProposedAction}).");
        }
        if (decision.Action is not (ProposedAction.RevertToGeneral or ProposedAction.RequestRetention))
        {
            problems.Add("The decision must be to revert to General or to request retention as Career Reserved.");
        }
        if (decision.Action == ProposedAction.RequestRetention)
        {
            var length = decision.Justification?.Trim().Length ?? 0;
            if (length < options.MinimumRetentionJustificationLength)
            {
                problems.Add($"A retention request needs a written justification of at least {options.MinimumRetentionJustificationLength} characters (has {length}).");
            }
        }
        if (string.IsNullOrWhiteSpace(decision.DecidedBy))
        {
            problems.Add("The decision must name who decided.");
        }
        return problems;
    }

    public static string DisplayName(Designation designation) => designation switch
    {
        Designation.CareerReserved => "Career Reserved",
        Designation.General => "General",
        _ => designation.ToString(),
    };

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
