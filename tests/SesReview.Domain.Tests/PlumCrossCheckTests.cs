using SesReview.Domain.Model;
using SesReview.Domain.PlumCrossCheck;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class PlumCrossCheckTests
{
    private static readonly DateOnly AsOf = D("2025-06-01");

    private static Position Pos(string id, string org, string title, string agency = Agency) => new(id, agency, org, title, PayPlan.ES, "Washington, DC");

    private static Incumbency Person(string id, AppointmentType type, string start, string? name, string? end = null) =>
        new(id, type, D(start), end is null ? null : D(end), name);

    /// <summary>PLUM as the importer gives it: every ES position General.</summary>
    private static PositionInventory Plum(params (Position Position, Incumbency[] Incumbents)[] rows) => PositionInventory.Create(
        rows.Select(r => r.Position), rows.Select(r => new DesignationChange(r.Position.PositionId, Designation.General, D("2024-12-31"))),
        rows.SelectMany(r => r.Incumbents));

    [Fact]
    public void A_position_plum_lists_that_the_inventory_records_career_reserved_is_a_redesignation_to_report()
    {
        var inventory = new InventoryBuilder()
            .Position(Pos("P1", "Office of Policy & Planning", "Asst. Secretary for Policy"), Ge("P1", "2019-01-01"), Cr("P1", "2023-04-12"),
                Person("P1", AppointmentType.CA, "2023-05-01", "Doe, Jane"))
            .Build();
        var plum = Plum((Pos("PLUM-1", "OFFICE OF POLICY AND PLANNING", "ASSISTANT SECRETARY FOR POLICY"), [Person("PLUM-1", AppointmentType.CA, "2023-05-01", "JANE DOE")]));

        var result = PlumCrossChecker.Check(inventory, plum, AsOf);

        var d = Assert.Single(result.Differences);
        Assert.Equal(PlumDifferenceKind.ListedInPlumButCareerReserved, d.Kind);
        Assert.Equal(MatchConfidence.High, d.Confidence);
        Assert.Equal(("P1", "PLUM-1"), (d.InventoryPositionId, d.PlumPositionId));
        Assert.Contains("Career Reserved since 2023-04-12", d.Detail);
        Assert.Equal(1, result.MatchedByConfidence[MatchConfidence.High]);
    }

    [Fact]
    public void A_noncareer_incumbent_in_plum_missing_from_the_inventory_history_is_listed_with_the_match_confidence()
    {
        var inventory = new InventoryBuilder()
            .Position(Pos("P1", "Office of Policy", "Senior Advisor"), Ge("P1", "2019-01-01"))
            .Build();
        var plum = Plum((Pos("PLUM-1", "OFFICE OF POLICY", "SENIOR ADVISOR"), [Person("PLUM-1", AppointmentType.NA, "2025-02-03", "SAM NEW")]));

        var d = Assert.Single(PlumCrossChecker.Check(inventory, plum, AsOf).Differences);

        Assert.Equal(PlumDifferenceKind.NoncareerIncumbentMissing, d.Kind);
        Assert.Equal(MatchConfidence.Medium, d.Confidence);
        Assert.Contains("SAM NEW (2025-02-03 –)", d.Detail);
    }

    [Fact]
    public void An_inventory_general_position_with_a_noncareer_incumbent_that_plum_omits_is_listed()
    {
        var inventory = new InventoryBuilder()
            .Position(Pos("P1", "Office of Policy", "Chief of Staff"), Ge("P1", "2019-01-01"), Person("P1", AppointmentType.NA, "2025-01-21", "Lee Park"))
            .Position(Pos("P2", "Office of Budget", "Budget Director"), Ge("P2", "2019-01-01"), Person("P2", AppointmentType.CA, "2020-01-21", "Ann Career"))
            .Build();

        var d = Assert.Single(PlumCrossChecker.Check(inventory, Plum(), AsOf).Differences);

        Assert.Equal(PlumDifferenceKind.GeneralNoncareerNotInPlum, d.Kind);
        Assert.Equal(MatchConfidence.None, d.Confidence);
        Assert.Equal("P1", d.InventoryPositionId);
        Assert.Contains("Lee Park since 2025-01-21", d.Detail);
    }

    [Fact]
    public void Titles_and_organizations_that_differ_are_matched_through_the_incumbent_and_reported()
    {
        var inventory = new InventoryBuilder()
            .Position(Pos("P1", "Office of Policy", "Deputy Director"), Ge("P1", "2019-01-01"), Person("P1", AppointmentType.CA, "2020-01-01", "Kim Lee"))
            .Position(Pos("P2", "Office of Science", "Chief Scientist"), Ge("P2", "2019-01-01"), Person("P2", AppointmentType.CA, "2020-01-01", "Ray Chu"))
            .Build();
        var plum = Plum(
            (Pos("PLUM-1", "OFFICE OF POLICY", "PRINCIPAL DEPUTY DIRECTOR"), [Person("PLUM-1", AppointmentType.CA, "2020-01-01", "KIM LEE")]),
            (Pos("PLUM-2", "OFFICE OF RESEARCH", "CHIEF SCIENTIST"), [Person("PLUM-2", AppointmentType.CA, "2020-01-01", "RAY CHU")]));

        var differences = PlumCrossChecker.Check(inventory, plum, AsOf).Differences;

        Assert.Equal(2, differences.Count);
        var title = Assert.Single(differences, d => d.Kind == PlumDifferenceKind.TitleDiffers);
        Assert.Equal(("P1", "PLUM-1", MatchConfidence.Medium), (title.InventoryPositionId, title.PlumPositionId, title.Confidence));
        Assert.Contains("\"PRINCIPAL DEPUTY DIRECTOR\"", title.Detail);
        var organization = Assert.Single(differences, d => d.Kind == PlumDifferenceKind.OrganizationDiffers);
        Assert.Equal(("P2", "PLUM-2"), (organization.InventoryPositionId, organization.PlumPositionId));
    }

    [Fact]
    public void Plum_rows_of_other_agencies_are_ignored_and_twin_positions_pair_with_low_confidence()
    {
        var inventory = new InventoryBuilder()
            .Position(Pos("P1", "Office of Policy", "Deputy Assistant Secretary"), Ge("P1", "2019-01-01"))
            .Position(Pos("P2", "Office of Policy", "Deputy Assistant Secretary"), Ge("P2", "2019-01-01"))
            .Build();
        var plum = Plum(
            (Pos("PLUM-1", "OFFICE OF POLICY", "DEPUTY ASSISTANT SECRETARY"), []),
            (Pos("PLUM-2", "OFFICE OF POLICY", "DEPUTY ASSISTANT SECRETARY"), []),
            (Pos("PLUM-9", "OFFICE OF POLICY", "CHIEF OF STAFF", agency: "DEPARTMENT OF ELSEWHERE"), [Person("PLUM-9", AppointmentType.NA, "2025-02-01", "AL OTHER")]));

        var result = PlumCrossChecker.Check(inventory, plum, AsOf);

        Assert.Equal(2, result.PlumPositions);
        Assert.Equal(2, result.MatchedByConfidence[MatchConfidence.Low]);
        Assert.Empty(result.Differences);
    }

    [Theory]
    [InlineData("Asst. Sec'y for Policy & Planning", "ASSISTANT SECRETARY POLICY AND PLANNING")]
    [InlineData("Office of the Chief Financial Officer", "OFFICE CHIEF FINANCIAL OFFICER")]
    [InlineData("Dep. Dir., Ofc. of Mgmt.", "DEPUTY DIRECTOR OFFICE MANAGEMENT")]
    public void Titles_are_normalized_before_matching(string written, string key) =>
        Assert.Equal(MatchKeys.Text(key), MatchKeys.Text(written));

    [Theory]
    [InlineData("Doe, Jane", "JANE DOE")]
    [InlineData("Jane Q. Doe", "Doe, J.")]
    [InlineData("JANE DOE JR", "jane doe")]
    public void Names_are_matched_by_last_name_and_first_initial(string a, string b) =>
        Assert.Equal(MatchKeys.Person(a), MatchKeys.Person(b));

    [Theory]
    [InlineData("Asst. Sec'y for Policy &amp; Planning", "ASSISTANT SECRETARY POLICY PLANNING")]
    [InlineData("R&D Dir.", "R D DIRECTOR")]
    [InlineData("OFFICE &AMP; BUDGET", "OFFICE BUDGET")]
    [InlineData("  ", "")]
    public void A_title_key_is_upper_case_with_abbreviations_spelled_out_and_filler_words_dropped(string written, string key) =>
        Assert.Equal(key, MatchKeys.Text(written));

    [Theory]
    [InlineData("Doe, Jane", "DOE J")]
    [InlineData("Jane Q. Doe III", "DOE J")]
    [InlineData("O'Brien, Pat", "O BRIEN P")]
    [InlineData("Pat O'Brien", "BRIEN P")]
    [InlineData("Madonna", "MADONNA")]
    [InlineData("Jr.", "")]
    public void A_person_key_is_the_last_name_and_first_initial(string written, string key) =>
        Assert.Equal(key, MatchKeys.Person(written));
}
