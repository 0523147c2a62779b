using SesReview.Domain.AllocationReview;
using SesReview.Domain.Citations;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;

namespace SesReview.Workbooks.Tests.Support;

internal static class ReportFixtures
{
    private static DesignationAssessment Assessment(string id, bool a, int naDays, bool b, DateOnly? toCr, Designation current, ProposedAction action) =>
        new(id, a, naDays, b, a || b, toCr, current, action, "reason", [], id == "P-001" ? P001Findings : []);

    public static readonly IReadOnlyList<FindingExplanation> P001Findings =
    [
        FindingExplanation.Of(FindingKind.GeneralOnCutoffDate, "General on 2021-01-19 (General since 2019-05-01)."),
        FindingExplanation.Of(FindingKind.MajorityNoncareer, "noncareer while General for 790 of 1,461 days: 2021-01-20 – 2023-03-20 (J. Doe, NA)."),
    ];

    public static DesignationReport DesignationReport()
    {
        var p1 = new Position("P-001", "DEPARTMENT OF EXAMPLE", "Office of Policy", "Deputy Assistant Secretary for Policy", PayPlan.ES, "Washington, DC");
        var p2 = new Position("P-002", "DEPARTMENT OF EXAMPLE", "Office of Science", "=cmd|' /C calc'!A0", PayPlan.ES, "Boulder, CO");
        var p3 = new Position("P-003", "DEPARTMENT OF EXAMPLE", "Office of Budget", "Director, Office of Budget", PayPlan.ES, "Washington, DC");
        var p4 = new Position("P-004", "DEPARTMENT OF EXAMPLE", "Office of Budget", "Deputy Director", PayPlan.ES, "Washington, DC");
        return new DesignationReport("DEPARTMENT OF EXAMPLE", new DateOnly(2025, 2, 5), new DateOnly(2025, 3, 24), 40,
        [
            new(p1, Assessment("P-001", true, 790, true, new(2023, 4, 2), Designation.CareerReserved, ProposedAction.RevertToGeneral),
                [new("P-001", Designation.General, new(2019, 5, 1)), new("P-001", Designation.CareerReserved, new(2023, 4, 2))],
                new PositionDecision("P-001", ProposedAction.RequestRetention, "+Impartiality of enforcement decisions requires a career appointee.",
                    "Agency Head", new DateTimeOffset(2025, 3, 10, 14, 30, 0, TimeSpan.FromHours(-4)))),
            new(p2, Assessment("P-002", true, 0, false, new(2022, 1, 3), Designation.CareerReserved, ProposedAction.RevertToGeneral),
                [new("P-002", Designation.General, new(2015, 1, 1)), new("P-002", Designation.CareerReserved, new(2022, 1, 3))],
                new PositionDecision("P-002", ProposedAction.RevertToGeneral, null, "Deputy Secretary", new DateTimeOffset(2025, 3, 11, 9, 0, 0, TimeSpan.Zero))),
            new(p3, Assessment("P-003", false, 800, true, null, Designation.General, ProposedAction.NoAction),
                [new("P-003", Designation.General, new(2012, 1, 9))], null),
            new(p4, Assessment("P-004", true, 10, false, new(2024, 6, 1), Designation.CareerReserved, ProposedAction.RevertToGeneral),
                [new("P-004", Designation.General, new(2010, 1, 1)), new("P-004", Designation.CareerReserved, new(2024, 6, 1))], null),
        ]);
    }

    public static AllocationReviewResult AllocationResult() => new("DEPARTMENT OF EXAMPLE", new DateOnly(2025, 12, 19),
        [
            new("Office of Policy", PayPlan.ES, 10, 8, 2, 0.2m, -1, 9, "Reorganization", "Two vacancies; one returned.", ["Vacancy above 8%."]),
            new("Office of Science", PayPlan.ES, 5, 5, 0, 0m, 0, 5, null, null, []),
            new("Office of Science", PayPlan.ST, 4, 3, 1, 0.25m, -1, 3, "=1+1", "@SUM(A1)", []),
            new("Office of Legal Counsel", PayPlan.SL, 2, 2, 0, 0m, 0, 2, null, null, []),
        ],
        [new RedesignationProposal("P-001", "Office of Policy", "Deputy Assistant Secretary for Policy", Designation.CareerReserved, Designation.General, "Policy role; General fits.")],
        ["Noncareer appointees would be 27% of the resulting ES allocation (limit 25%)."]);
}
