using System.Text;
using SesReview.Domain.Model;
using SesReview.Workbooks.Import;

namespace SesReview.Workbooks.Tests;

public class PlumImportTests
{
    private static readonly DateOnly KnownGeneral = new(2025, 6, 30);
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "TestData", "plum-excerpt.csv");
    private const string Header =
        "AgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,ExpirationDate,LevelGradePay,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,Tenure,IncumbentBeginDate,IncumbentVacateDate";

    private static PlumCsvImporter Importer(string? agency = null) => new(new PlumImportOptions { KnownGeneralAsOf = KnownGeneral, Agency = agency });

    private static PlumImport ImportSample()
    {
        var result = Importer().Import(SamplePath);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Value;
    }

    private static ImportResult<PlumImport> ImportText(string body, string? agency = null) =>
        Importer(agency).Import(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "\r\n" + body)]), "plum.csv");

    [Fact]
    public void Sample_export_imports_with_the_expected_counts()
    {
        var s = ImportSample().Summary;

        Assert.Equal(23, s.RowsRead);
        Assert.Equal(23, s.RowsImported);
        Assert.Equal(20, s.RowsByPayPlan[PayPlan.ES]);
        Assert.Equal(3, s.RowsByPayPlan[PayPlan.SL]);
        Assert.Empty(s.RowsSkippedByPayPlan);
        Assert.Equal(21, s.Positions);           // two pairs of rows are one position each
        Assert.Equal(15, s.Incumbencies);        // every filled row; vacant rows have none
        Assert.Equal(11, s.UndatedIncumbencies); // filled rows without a begin date
        Assert.Equal(18, s.Designations);        // one GE per ES position
    }

    [Fact]
    public void Sample_header_with_byte_order_mark_is_recognised()
    {
        Assert.Equal(0xEF, File.ReadAllBytes(SamplePath)[0]);
        Assert.Equal("CONSUMER PRODUCT SAFETY COMMISSION", ImportSample().Inventory.Positions[0].Agency);
    }

    [Fact]
    public void Html_entities_in_titles_are_decoded()
    {
        var titles = ImportSample().Inventory.Positions.Select(p => p.Title).ToList();

        Assert.Contains("ASSISTANT EXECUTIVE DIRECTOR FOR COMPLIANCE & FIELD OPS", titles);
        Assert.DoesNotContain(titles, t => t.Contains("&amp;"));
    }

    [Fact]
    public void Quoted_fields_with_commas_stay_whole()
    {
        var positions = ImportSample().Inventory.Positions;

        Assert.Contains(positions, p => p.Title == "UNITED STATES MARSHAL, PUERTO RICO" && p.Location == "SAN JUAN, Puerto Rico");
        Assert.Contains(positions, p => p.Component == "OFFICE OF THE UNDER SECRETARY FOR FOOD, NUTRITION AND CONSUMER SERVICES");
    }

    [Fact]
    public void Two_terms_of_one_appointee_in_the_same_position_are_one_position()
    {
        var inventory = ImportSample().Inventory;

        var director = Assert.Single(inventory.Positions, p => p.Title == "EXECUTIVE DIRECTOR" && p.Agency == "CONSUMER PRODUCT SAFETY COMMISSION");
        var terms = inventory.IncumbenciesOf(director.PositionId).ToList();
        Assert.Equal(
            [
                new Incumbency(director.PositionId, AppointmentType.NA, new(2024, 3, 6), new(2025, 1, 21), "AUSTIN SCHLICK"),
                new Incumbency(director.PositionId, AppointmentType.NA, new(2025, 1, 24), new(2025, 2, 21), "AUSTIN SCHLICK"),
            ],
            terms);
    }

    [Fact]
    public void Past_incumbent_row_and_vacant_row_of_one_position_are_one_position()
    {
        var inventory = ImportSample().Inventory;

        var position = Assert.Single(inventory.Positions, p => p.Title.StartsWith("ASSISTANT EXECUTIVE DIRECTOR FOR COMPLIANCE"));
        var incumbency = Assert.Single(inventory.IncumbenciesOf(position.PositionId));
        Assert.Equal((AppointmentType.CA, new DateOnly(2023, 12, 4), (DateOnly?)new DateOnly(2025, 2, 18)), (incumbency.AppointmentType, incumbency.Start, incumbency.End));
    }

    [Fact]
    public void Es_positions_are_general_from_the_known_general_date_and_sl_positions_have_no_designation()
    {
        var inventory = ImportSample().Inventory;

        Assert.All(inventory.Designations, d => Assert.Equal((Designation.General, KnownGeneral), (d.Designation, d.EffectiveDate)));
        Assert.Equal(inventory.Positions.Where(p => p.PayPlan == PayPlan.ES).Select(p => p.PositionId), inventory.Designations.Select(d => d.PositionId));
    }

    [Fact]
    public void Filled_row_without_dates_serves_from_the_snapshot_date()
    {
        var inventory = ImportSample().Inventory;

        var delone = Assert.Single(inventory.Incumbencies, i => i.IncumbentName == "SARAH DELONE");
        Assert.Equal((AppointmentType.CA, KnownGeneral, (DateOnly?)null), (delone.AppointmentType, delone.Start, delone.End));
    }

    [Fact]
    public void Vacant_rows_have_no_incumbency()
    {
        var inventory = ImportSample().Inventory;

        var counsel = Assert.Single(inventory.Positions, p => p.Title == "GENERAL COUNSEL");
        Assert.Empty(inventory.IncumbenciesOf(counsel.PositionId));
    }

    [Fact]
    public void Position_ids_are_stable_across_imports()
    {
        var first = ImportSample().Inventory.Positions.Select(p => p.PositionId).ToList();
        var second = ImportSample().Inventory.Positions.Select(p => p.PositionId).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, id => Assert.Matches("^PLUM-[0-9A-F]{10}-[0-9]+$", id));
    }

    [Fact]
    public void Both_plum_date_formats_are_parsed()
    {
        var result = ImportText(
            "AGENCY A,ORG,TITLE ONE,Filled,CA,,,\"Washington, DC\",ANN,LEE,ES,,3/6/2024 12:00:00 AM,1/21/2025 12:00:00 AM\r\n" +
            "AGENCY A,ORG,TITLE TWO,Filled,NA,,,\"Washington, DC\",BO,KIM,ES,,03/06/2024 00:00:00,01/21/2025 00:00:00\r\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.All(result.Value.Inventory.Incumbencies, i => Assert.Equal((new DateOnly(2024, 3, 6), (DateOnly?)new DateOnly(2025, 1, 21)), (i.Start, i.End)));
    }

    [Fact]
    public void Rows_of_other_pay_plans_are_skipped_and_counted_per_pay_plan()
    {
        var result = ImportText(
            "AGENCY A,ORG,CHIEF OF STAFF,Filled,SC,,,DC,A,B,GS,,1/1/2024 12:00:00 AM,\r\n" +
            "AGENCY A,ORG,SECRETARY,Filled,PAS,,,DC,C,D,EX,,1/1/2024 12:00:00 AM,\r\n" +
            "AGENCY A,ORG,ADVISOR,Vacant,SC,,,DC,,,GS,,,\r\n" +
            "AGENCY A,ORG,MEMBER,Vacant,PA,,,DC,,,,,,\r\n" +
            "AGENCY A,ORG,DIRECTOR,Vacant,CA,,,DC,,,ES,,,\r\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var s = result.Value.Summary;
        Assert.Equal(5, s.RowsRead);
        Assert.Equal(1, s.RowsImported);
        Assert.Equal(new Dictionary<string, int> { ["(blank)"] = 1, ["EX"] = 1, ["GS"] = 2 }, s.RowsSkippedByPayPlan);
        Assert.Equal(4, s.RowsSkipped);
        Assert.Single(result.Value.Inventory.Positions);
    }

    [Fact]
    public void True_duplicates_become_separate_positions_with_ordinals()
    {
        var result = ImportText(
            "AGENCY A,ORG,DEPUTY ASSISTANT SECRETARY,Vacant,CA,,,DC,,,ES,,,\r\n" +
            "AGENCY A,ORG,DEPUTY ASSISTANT SECRETARY,Vacant,CA,,,DC,,,ES,,,\r\n" +
            "AGENCY A,ORG,DEPUTY ASSISTANT SECRETARY,Filled,CA,,,DC,X,Y,ES,,1/1/2020 12:00:00 AM,\r\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var ids = result.Value.Inventory.Positions.Select(p => p.PositionId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Single(ids.Select(id => id[..^2]).Distinct());
        Assert.Equal(["-1", "-2", "-3"], ids.Select(id => id[^2..]));
    }

    [Fact]
    public void Overlapping_incumbents_of_one_title_are_separate_positions()
    {
        var result = ImportText(
            "AGENCY A,ORG,SENIOR ADVISOR,Filled,NA,,,DC,A,B,ES,,1/1/2022 12:00:00 AM,12/31/2023 12:00:00 AM\r\n" +
            "AGENCY A,ORG,SENIOR ADVISOR,Filled,NA,,,DC,C,D,ES,,6/1/2023 12:00:00 AM,12/31/2024 12:00:00 AM\r\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Value.Inventory.Positions.Count);
    }

    [Fact]
    public void Agency_filter_keeps_one_agency_and_counts_the_rest()
    {
        var result = Importer("department of commerce").Import(SamplePath);

        Assert.True(result.Succeeded);
        Assert.All(result.Value.Inventory.Positions, p => Assert.Equal("DEPARTMENT OF COMMERCE", p.Agency));
        Assert.Equal(4, result.Value.Summary.Positions);
        Assert.Equal(19, result.Value.Summary.RowsSkippedByAgency);
    }

    [Fact]
    public void Bad_dates_vacate_before_begin_and_unknown_appointment_types_are_all_reported()
    {
        var result = ImportText(
            "AGENCY A,ORG,T1,Filled,CA,,,DC,A,B,ES,,2/30/2024 12:00:00 AM,\r\n" +
            "AGENCY A,ORG,T2,Filled,CA,,,DC,A,B,ES,,3/1/2024 12:00:00 AM,2/1/2024 12:00:00 AM\r\n" +
            "AGENCY A,ORG,T3,Filled,QQ,,,DC,A,B,ES,,3/1/2024 12:00:00 AM,\r\n");

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(2, "IncumbentBeginDate"), (3, "IncumbentVacateDate"), (4, "AppointmentTypeDescription")],
            result.Errors.Select(e => (e.Row!.Value, e.Column!)));
    }

    [Fact]
    public void File_without_the_plum_columns_is_reported()
    {
        var result = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = KnownGeneral })
            .Import(new MemoryStream(Encoding.UTF8.GetBytes("PositionId,Agency\r\nP1,A\r\n")), "other.csv");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Column == "PaymentPlanDescription" && e.Row == 1);
    }

    [Fact]
    public void Oversized_plum_file_is_refused_before_parsing()
    {
        var result = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = KnownGeneral, Limits = new ImportOptions { MaxFileBytes = 1000 } })
            .Import(SamplePath);

        Assert.Contains("MaxFileBytes", Assert.Single(result.Errors).Message);
    }
}
