using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Settings;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class DesignationRulesTests
{
    private static readonly DesignationReviewOptions Options = new();
    private static readonly DateOnly AsOf = D("2025-02-10");

    private static DesignationAssessment Assess(params object[] history)
    {
        var inventory = new InventoryBuilder().Position(Es("P1"), history).Build();
        return new DesignationAssessor().Assess(inventory, AsOf).Single();
    }

    [Fact]
    public void Position_general_on_2021_01_19_is_identified()
    {
        var a = Assess(Ge("P1", "2010-01-01"));

        Assert.True(a.GeneralOnCutoffDate);
        Assert.True(a.Identified);
        Assert.Equal(ProposedAction.NoAction, a.ProposedAction);
        Assert.Equal(Designation.General, a.CurrentDesignation);
        Assert.Contains("General on 2021-01-19", a.Reason);
    }

    [Theory]
    [InlineData("2021-01-18", true)]
    [InlineData("2021-01-19", true)]  // General effective exactly on the cutoff counts
    [InlineData("2021-01-20", false)] // designated General the day after: still CR on the 19th
    public void General_on_the_cutoff_depends_on_the_effective_date(string generalFrom, bool generalOnCutoff)
    {
        var a = Assess(Cr("P1", "2012-05-01"), Ge("P1", generalFrom));

        Assert.Equal(generalOnCutoff, a.GeneralOnCutoffDate);
        Assert.Equal(generalOnCutoff, a.Identified);
    }

    [Fact]
    public void Change_to_Career_Reserved_effective_2021_01_20_leaves_the_position_General_on_the_cutoff()
    {
        var a = Assess(Ge("P1", "2012-05-01"), Cr("P1", "2021-01-20"));

        Assert.True(a.GeneralOnCutoffDate);
        Assert.Equal(D("2021-01-20"), a.RedesignatedToCareerReservedOn);
        Assert.Equal(ProposedAction.RevertToGeneral, a.ProposedAction);
    }

    [Fact]
    public void Change_to_Career_Reserved_effective_2021_01_19_is_not_a_redesignation_after_the_cutoff()
    {
        var a = Assess(Ge("P1", "2012-05-01"), Cr("P1", "2021-01-19"));

        Assert.False(a.GeneralOnCutoffDate);
        Assert.Null(a.RedesignatedToCareerReservedOn);
        Assert.False(a.Identified);
        Assert.Equal(ProposedAction.NoAction, a.ProposedAction);
    }

    [Fact]
    public void Identified_position_redesignated_Career_Reserved_defaults_to_revert_to_General()
    {
        var a = Assess(Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"));

        Assert.True(a.Identified);
        Assert.Equal(D("2023-04-02"), a.RedesignatedToCareerReservedOn);
        Assert.Equal(Designation.CareerReserved, a.CurrentDesignation);
        Assert.Equal(ProposedAction.RevertToGeneral, a.ProposedAction);
        Assert.True(a.NeedsDecision);
        Assert.Equal("General on 2021-01-19; redesignated Career Reserved on 2023-04-02; default action: revert to General", a.Reason);
        Assert.Contains(a.Flags, f => f.Contains("Redesignated General → Career Reserved on 2023-04-02"));
    }

    [Fact]
    public void Redesignated_then_back_to_General_needs_no_action()
    {
        var a = Assess(Ge("P1", "2010-01-01"), Cr("P1", "2022-04-02"), Ge("P1", "2024-06-01"));

        Assert.True(a.Identified);
        Assert.Equal(D("2022-04-02"), a.RedesignatedToCareerReservedOn);
        Assert.Equal(ProposedAction.NoAction, a.ProposedAction);
    }

    [Fact]
    public void Career_Reserved_throughout_is_not_identified()
    {
        var a = Assess(Cr("P1", "2010-01-01"), Ca("P1", "2015-01-01", null));

        Assert.False(a.Identified);
        Assert.Equal(ProposedAction.NoAction, a.ProposedAction);
        Assert.Empty(a.Flags);
        Assert.StartsWith("Not identified: Career Reserved on 2021-01-19", a.Reason);
    }

    // Criterion (b): General from 2021-01-20 (so not General on the cutoff), then NA days counted.
    [Theory]
    [InlineData("2021-01-20", "2023-01-19", 730, false)] // 730 days: one short of the majority
    [InlineData("2021-01-20", "2023-01-20", 731, true)]  // 731 days: the majority
    [InlineData("2020-06-01", "2030-01-01", 1461, true)] // clipped to the window: 1,461 days
    [InlineData("2023-01-21", "2025-01-20", 730, false)] // 2025-01-20 itself is not counted (the tenure ended at noon)
    [InlineData("2023-01-20", "2025-01-20", 731, true)]
    public void Majority_noncareer_needs_731_days_in_the_window(string start, string end, int days, bool majority)
    {
        var a = Assess(Cr("P1", "2010-01-01"), Ge("P1", "2021-01-20"), Na("P1", start, end));

        Assert.False(a.GeneralOnCutoffDate);
        Assert.Equal(days, a.NoncareerDaysInWindow);
        Assert.Equal(majority, a.MajorityNoncareer);
        Assert.Equal(majority, a.Identified);
    }

    [Fact]
    public void Overlapping_noncareer_spans_are_merged_so_a_day_counts_once()
    {
        var a = Assess(
            Cr("P1", "2010-01-01"), Ge("P1", "2021-01-20"),
            Na("P1", "2021-01-20", "2022-06-30"),  // 527 days
            Na("P1", "2022-01-01", "2023-01-20")); // overlaps; union 2021-01-20..2023-01-20 = 731

        Assert.Equal(731, a.NoncareerDaysInWindow);
        Assert.True(a.MajorityNoncareer);
    }

    [Fact]
    public void Vacant_gaps_and_career_incumbents_do_not_count()
    {
        var a = Assess(
            Cr("P1", "2010-01-01"), Ge("P1", "2021-01-20"),
            Na("P1", "2021-01-20", "2021-12-31"),  // 346
            Ca("P1", "2022-01-01", "2022-12-31"),
            Na("P1", "2023-02-01", null));         // 2023-02-01..2025-01-19 = 719

        Assert.Equal(346 + 719, a.NoncareerDaysInWindow);
        Assert.True(a.MajorityNoncareer);
    }

    [Fact]
    public void Noncareer_days_count_only_while_the_position_was_General()
    {
        // General from 2021-01-20 to 2022-01-19 (365 days), CR after: NA days recorded while CR are not counted.
        var a = Assess(Cr("P1", "2010-01-01"), Ge("P1", "2021-01-20"), Cr("P1", "2022-01-20"), Na("P1", "2021-01-20", "2024-12-31"));

        Assert.Equal(365, a.NoncareerDaysInWindow);
        Assert.False(a.MajorityNoncareer);
        Assert.False(a.Identified);
    }

    [Fact]
    public void Position_identified_by_majority_noncareer_alone_and_redesignated_reverts()
    {
        var a = Assess(
            Cr("P1", "2010-01-01"), Ge("P1", "2021-03-01"), Cr("P1", "2024-06-01"),
            Na("P1", "2021-03-01", "2024-05-31"),
            Ca("P1", "2024-06-01", null, "Jo Career"));

        Assert.False(a.GeneralOnCutoffDate);
        Assert.True(a.MajorityNoncareer);
        Assert.Equal(ProposedAction.RevertToGeneral, a.ProposedAction);
        Assert.Contains("filled by noncareer appointees 1,188 of the 1,461 days from 2021-01-20 to 2025-01-20", a.Reason);
    }

    [Fact]
    public void Unsorted_history_is_read_oldest_first()
    {
        var history = new List<DesignationChange> { Cr("P1", "2023-04-02"), Ge("P1", "2010-01-01") };
        var a = new DesignationAssessor().Assess(Es("P1"), history, [], AsOf);

        Assert.Equal(ProposedAction.RevertToGeneral, a.ProposedAction);
    }

    [Fact]
    public void Missing_designation_on_the_cutoff_is_flagged_not_guessed()
    {
        var a = Assess(Ge("P1", "2022-01-01"));

        Assert.False(a.GeneralOnCutoffDate);
        Assert.Contains(a.Flags, f => f.Contains("No designation on record on 2021-01-19"));
        Assert.Contains(Assess().Flags, f => f.Contains("No designation history"));
    }

    [Fact]
    public void Career_incumbent_of_a_position_to_revert_is_flagged_with_both_3395_notice_periods()
    {
        var a = Assess(Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"), Ca("P1", "2023-05-01", null, "Jo Career"));

        var flag = Assert.Single(a.Flags, f => f.Contains("3395(a)"));
        Assert.Contains("Jo Career", flag);
        Assert.Contains("15 days", flag);
        Assert.Contains("60 days", flag);
    }

    [Fact]
    public void No_notice_flag_when_the_position_is_vacant_or_needs_no_decision()
    {
        Assert.DoesNotContain(Assess(Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"), Ca("P1", "2023-05-01", "2024-12-31")).Flags, f => f.Contains("3395"));
        Assert.DoesNotContain(Assess(Ge("P1", "2010-01-01"), Ca("P1", "2023-05-01", null)).Flags, f => f.Contains("3395"));
    }

    [Theory]
    [InlineData("2025-01-20", true)]  // asOf 2025-02-10 is 21 days after
    [InlineData("2024-10-13", true)]  // 120 days before asOf: last day of the moratorium
    [InlineData("2024-10-12", false)] // 121 days before: over
    [InlineData("2025-03-01", false)] // not yet appointed on the assessment date
    public void Moratorium_is_flagged_within_120_days_after_a_new_agency_head(string appointed, bool flagged)
    {
        var inventory = new InventoryBuilder()
            .Position(Es("P1"), Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"), Ca("P1", "2023-05-01", null))
            .Build();

        var a = new DesignationAssessor().Assess(inventory, AsOf, D(appointed)).Single();

        Assert.Equal(flagged, a.Flags.Any(f => f.Contains("moratorium")));
        if (flagged)
        {
            var ends = D(appointed).AddDays(120).ToString("yyyy-MM-dd");
            Assert.Contains(a.Flags, f => f.Contains($"moratorium ends {ends}"));
        }
    }

    [Fact]
    public void SL_and_ST_positions_are_not_assessed()
    {
        var inventory = new InventoryBuilder()
            .Position(Es("P1"), Ge("P1", "2010-01-01"))
            .Position(new Position("P2", Agency, "Office of Policy", "Senior Advisor", PayPlan.SL, "Washington, DC"))
            .Build();

        Assert.Equal(["P1"], new DesignationAssessor().Assess(inventory, AsOf).Select(a => a.PositionId));
        Assert.Throws<ArgumentException>(() => new DesignationAssessor().Assess(inventory.Positions[1], [], [], AsOf));
    }

    [Theory]
    [InlineData(ProposedAction.RevertToGeneral, null, true)]
    [InlineData(ProposedAction.RequestRetention, "Too short.", false)]
    [InlineData(ProposedAction.RequestRetention, "The position adjudicates enforcement cases; impartiality requires a career appointee.", true)]
    [InlineData(ProposedAction.NoAction, null, false)]
    public void Retention_requests_need_a_justification_of_the_minimum_length(ProposedAction action, string? justification, bool valid)
    {
        var a = Assess(Ge("P1", "2010-01-01"), Cr("P1", "2023-04-02"));
        var decision = new PositionDecision("P1", action, justification, "agency.head@example.gov", DateTimeOffset.UnixEpoch);

        Assert.Equal(valid, DesignationRules.CheckDecision(a, decision, Options).Count == 0);
    }

    [Fact]
    public void Positions_that_need_no_decision_reject_one()
    {
        var a = Assess(Ge("P1", "2010-01-01"));
        var decision = new PositionDecision("P1", ProposedAction.RevertToGeneral, null, "someone", DateTimeOffset.UnixEpoch);

        Assert.Contains(DesignationRules.CheckDecision(a, decision, Options), p => p.Contains("needs no decision"));
    }

    [Fact]
    public void DayRange_merge_joins_touching_and_overlapping_spans()
    {
        var merged = DayRange.Merge([
            new(D("2021-03-01"), D("2021-03-10")),
            new(D("2021-01-01"), D("2021-01-31")),
            new(D("2021-02-01"), D("2021-02-05")),
            new(D("2021-03-05"), D("2021-03-07")),
            new(D("2021-05-02"), D("2021-05-01")), // empty
        ]);

        Assert.Equal([new DayRange(D("2021-01-01"), D("2021-02-05")), new DayRange(D("2021-03-01"), D("2021-03-10"))], merged);
        Assert.Equal(36 + 10, merged.Sum(r => r.Days));
    }
}
