using System.Globalization;
using SesReview.Domain.Citations;
using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.DesignationReview;

/// <summary>
/// Explains one position's assessment as findings, each naming its rule and citation (<see cref="FindingRules"/>)
/// and the numbers behind it. Pure; the same inputs as <see cref="DesignationAssessor"/>.
/// </summary>
public static class DesignationFindings
{
    public static IReadOnlyList<FindingExplanation> Explain(
        IReadOnlyList<DesignationChange> history,
        IReadOnlyList<Incumbency> incumbencies,
        Designation? onCutoff,
        int noncareerDays,
        bool majority,
        DateOnly? redesignatedOn,
        ProposedAction action,
        Incumbency? careerIncumbentToMove,
        string? moratoriumFlag,
        DesignationReviewOptions options,
        ReassignmentOptions reassignment)
    {
        var findings = new List<FindingExplanation>(4);
        var cutoff = Iso(options.CutoffDate);
        var generalOnCutoff = onCutoff == Designation.General;
        if (history.Count == 0)
        {
            findings.Add(FindingExplanation.Of(FindingKind.HistoryMissing, "The inventory has no designation history for this position."));
        }
        else if (generalOnCutoff)
        {
            findings.Add(FindingExplanation.Of(FindingKind.GeneralOnCutoffDate, $"General on {cutoff} ({DesignationOnText(history, options.CutoffDate)})."));
        }
        var noncareer = NoncareerText(history, incumbencies, noncareerDays, options);
        if (majority)
        {
            findings.Add(FindingExplanation.Of(FindingKind.MajorityNoncareer, $"{noncareer}; the majority is {N(options.MajorityDays)} days."));
        }
        if (history.Count > 0 && !generalOnCutoff && !majority)
        {
            var designation = onCutoff is { } d ? DesignationRules.DisplayName(d) : "no designation on record";
            findings.Add(FindingExplanation.Of(FindingKind.NotIdentified,
                $"{designation} on {cutoff}; {noncareer}, short of the {N(options.MajorityDays)}-day majority."));
        }
        var identified = generalOnCutoff || majority;
        if (action == ProposedAction.RevertToGeneral && redesignatedOn is { } r)
        {
            findings.Add(FindingExplanation.Of(FindingKind.RevertUnlessRetained,
                $"Redesignated General → Career Reserved on {Iso(r)} and Career Reserved now: the default is to revert to General."));
            findings.Add(FindingExplanation.Of(FindingKind.CareerReservedCriterion,
                "To keep it Career Reserved the agency head must justify why a career incumbent is needed for impartiality or public confidence."));
        }
        if (identified)
        {
            var due = options.MemoDate.AddDays(options.DeadlineCalendarDays);
            findings.Add(FindingExplanation.Of(FindingKind.ReportedToOpm,
                $"Identified, so reported to OPM: {options.DeadlineCalendarDays} days after the memo of {Iso(options.MemoDate)} is {Iso(due)} (a weekend or holiday rolls to the next business day)."));
        }
        if (careerIncumbentToMove is { } career)
        {
            var who = string.IsNullOrWhiteSpace(career.IncumbentName) ? "The incumbent" : career.IncumbentName;
            findings.Add(FindingExplanation.Of(FindingKind.ReassignmentNotice,
                $"{who} (CA since {Iso(career.Start)}) would need {reassignment.NoticeDays} days' notice ({reassignment.NoticeDaysOutsideCommutingArea} outside the commuting area) if reassigned after reversion."));
        }
        if (moratoriumFlag is not null)
        {
            findings.Add(FindingExplanation.Of(FindingKind.ReassignmentMoratorium, moratoriumFlag));
        }
        return findings;
    }

    /// <summary>
    /// "noncareer while General for 812 of 1,461 days: 2021-01-20 – 2023-04-11 (J. Doe, NA); …": each NA incumbency
    /// clipped to the window and to the days the position was General, as counted by
    /// <see cref="DesignationRules.NoncareerDaysWhileGeneral"/>.
    /// </summary>
    public static string NoncareerText(IReadOnlyList<DesignationChange> history, IReadOnlyList<Incumbency> incumbencies, int noncareerDays, DesignationReviewOptions options)
    {
        var window = new DayRange(options.WindowStart, options.WindowLastDay);
        var general = DesignationRules.GeneralRanges(history, window);
        var spans = new List<string>();
        foreach (var i in incumbencies.Where(i => i.AppointmentType == AppointmentType.NA).OrderBy(i => i.Start))
        {
            var held = new DayRange(i.Start, i.End ?? DateOnly.MaxValue).Intersect(window);
            foreach (var g in general)
            {
                var span = held.Intersect(g);
                if (span.IsEmpty) continue;
                var name = string.IsNullOrWhiteSpace(i.IncumbentName) ? "NA" : $"{i.IncumbentName}, NA";
                spans.Add($"{Iso(span.First)} – {Iso(span.Last)} ({name})");
            }
        }
        var head = $"noncareer while General for {N(noncareerDays)} of {N(options.WindowDays)} days from {Iso(options.WindowStart)} to {Iso(options.WindowLastDay)}";
        return spans.Count == 0 ? head : $"{head}: {string.Join("; ", spans)}";
    }

    private static string DesignationOnText(IReadOnlyList<DesignationChange> history, DateOnly day)
    {
        var last = history.LastOrDefault(h => h.EffectiveDate <= day);
        return last is null ? "no record" : $"{DesignationRules.DisplayName(last.Designation)} since {Iso(last.EffectiveDate)}";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
