using SesReview.Domain.AllocationReview;
using SesReview.Domain.Citations;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Limits;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class FindingCitationTests
{
    private static readonly DateOnly AsOf = D("2025-03-01");

    public static TheoryData<FindingKind> EveryKind() => [.. Enum.GetValues<FindingKind>()];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_finding_kind_has_a_rule_in_words_and_a_citation(FindingKind kind)
    {
        var rule = FindingRules.For(kind);
        Assert.False(string.IsNullOrWhiteSpace(rule.Citation), $"{kind} has no citation");
        Assert.Matches(@"(OPM memo of 2025-(02-05|11-24))|(5 U\.S\.C\. 3\d{3})", rule.Citation);
        Assert.True(rule.Rule.Length >= 30, $"{kind} has no rule text");
    }

    [Fact]
    public void Every_assessed_position_of_a_generated_inventory_carries_cited_findings()
    {
        var inventory = InventoryGenerator.Generate(3_000, seed: 12);
        var assessments = new DesignationAssessor().Assess(inventory, AsOf, newAgencyHeadAppointedOn: D("2025-01-20"));
        Assert.NotEmpty(assessments);
        var seen = new HashSet<FindingKind>();
        foreach (var a in assessments)
        {
            Assert.NotNull(a.Findings);
            Assert.NotEmpty(a.Findings);
            foreach (var f in a.Findings)
            {
                Assert.Equal(FindingRules.For(f.Kind).Citation, f.Citation);
                Assert.False(string.IsNullOrWhiteSpace(f.Because));
                seen.Add(f.Kind);
            }
            if (a.Identified) Assert.Contains(a.Findings, f => f.Kind == FindingKind.ReportedToOpm);
            if (a.NeedsDecision) Assert.Contains(a.Findings, f => f.Kind == FindingKind.RevertUnlessRetained);
        }
        // The generated data exercises every position-level rule.
        Assert.Superset(new HashSet<FindingKind>
        {
            FindingKind.GeneralOnCutoffDate, FindingKind.MajorityNoncareer, FindingKind.NotIdentified, FindingKind.RevertUnlessRetained,
            FindingKind.ReportedToOpm, FindingKind.CareerReservedCriterion, FindingKind.ReassignmentNotice, FindingKind.ReassignmentMoratorium,
        }, seen);
    }

    [Fact]
    public void Majority_noncareer_finding_names_the_days_the_spans_and_the_incumbent()
    {
        var inventory = new InventoryBuilder()
            .Position(Es("P1"), Cr("P1", "2015-01-01"), Ge("P1", "2021-01-20"), Cr("P1", "2023-04-12"),
                new Incumbency("P1", AppointmentType.NA, D("2020-06-01"), D("2023-04-11"), "J. Doe"),
                Ca("P1", "2023-05-01", null, "A. Career"))
            .Build();

        var a = Assert.Single(new DesignationAssessor().Assess(inventory, AsOf));

        Assert.Equal(812, a.NoncareerDaysInWindow);
        var majority = Assert.Single(a.Findings!, f => f.Kind == FindingKind.MajorityNoncareer);
        Assert.Equal("OPM memo of 2025-02-05, paragraph 1(b)", majority.Citation);
        Assert.Contains("812 of 1,461 days", majority.Because);
        Assert.Contains("2021-01-20 – 2023-04-11 (J. Doe, NA)", majority.Because);
        Assert.Contains(a.Findings!, f => f.Kind == FindingKind.RevertUnlessRetained && f.Because.Contains("2023-04-12"));
        Assert.Contains(a.Findings!, f => f.Kind == FindingKind.CareerReservedCriterion && f.Citation == "5 U.S.C. 3132(b)(1)");
        Assert.Contains(a.Findings!, f => f.Kind == FindingKind.ReassignmentNotice && f.Because.Contains("A. Career"));
        Assert.DoesNotContain(a.Findings!, f => f.Kind == FindingKind.GeneralOnCutoffDate);
    }

    [Fact]
    public void A_position_not_identified_is_explained_with_its_shortfall()
    {
        var inventory = new InventoryBuilder()
            .Position(Es("P2"), Cr("P2", "2010-01-01"), Ca("P2", "2010-01-01", null))
            .Build();

        var a = Assert.Single(new DesignationAssessor().Assess(inventory, AsOf));

        var f = Assert.Single(a.Findings!);
        Assert.Equal(FindingKind.NotIdentified, f.Kind);
        Assert.Contains("Career Reserved on 2021-01-19", f.Because);
        Assert.Contains("0 of 1,461 days", f.Because);
    }

    [Fact]
    public void Allocation_findings_cite_the_november_memo_and_the_noncareer_limit()
    {
        var line = AllocationFindings.Explain(new AllocationLine("Office of Policy", PayPlan.ES, 10, 8, 2, 0.2m, -1, 9, null, null, []));
        Assert.Equal("OPM memo of 2025-11-24", line.Citation);
        Assert.Contains("10 allocated, 8 filled, 2 vacant (20.0%)", line.Because);
        var limit = AllocationFindings.Explain(new NoncareerLimit().Check("DEPARTMENT OF EXAMPLE", 20, 6));
        Assert.Equal("5 U.S.C. 3134(d)", limit.Citation);
        Assert.Contains("6 noncareer of 20 SES positions; at most 5 allowed — limit exceeded", limit.Because);
    }
}
