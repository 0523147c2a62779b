using System.Text;
using SesReview.Workbooks.Import;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

/// <summary>Text lengths and date ranges of <see cref="FieldLimits"/>, and the bounded error list of a failed import.</summary>
public class FieldLimitTests
{
    [Fact]
    public void A_title_longer_than_its_limit_is_an_error_naming_file_sheet_row_and_column()
    {
        var tables = new InventoryTables();
        tables.Positions[2][3] = new string('T', 20_000);
        var result = tables.ImportXlsx();

        var error = Assert.Single(result.Errors);
        Assert.Equal(("inventory.xlsx", "Positions", 3, "Title"), (error.File, error.Sheet, error.Row, error.Column));
        Assert.Equal("Title is 20,000 characters long; at most 300 are allowed.", error.Message);
        Assert.Equal(ErrorEcho.MaxEchoedChars + 1, error.Value!.Length); // shortened, ending with "…"
        Assert.EndsWith("…", error.Value);
    }

    [Fact]
    public void A_position_id_longer_than_64_characters_is_an_error()
    {
        var tables = new InventoryTables();
        tables.Positions[1][0] = new string('P', 65);
        var result = tables.ImportCsv();
        Assert.Contains(result.Errors, e => e.File == "Positions.csv" && e.Row == 2 && e.Column == "PositionId" && e.Message.Contains("at most 64"));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("1949-12-31")]
    public void A_date_outside_the_accepted_range_is_an_error_naming_the_field(string date)
    {
        var tables = new InventoryTables();
        tables.Designations[1][2] = date;
        var result = tables.ImportXlsx();
        var error = Assert.Single(result.Errors);
        Assert.Equal(("DesignationHistory", 2, "EffectiveDate"), (error.Sheet, error.Row, error.Column));
        Assert.Equal($"EffectiveDate {date} is outside the accepted range 1950-01-01 to 2100-12-31.", error.Message);
    }

    [Fact]
    public void Dates_at_the_ends_of_the_range_are_accepted()
    {
        var tables = new InventoryTables();
        tables.Designations[1][2] = "1950-01-01";
        tables.Incumbencies[2][3] = "2100-12-31";
        Assert.True(tables.ImportCsv().Succeeded);
    }

    [Fact]
    public void A_plum_row_with_a_long_organization_or_a_year_9999_date_is_an_error_naming_the_column()
    {
        const string header = "AgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,IncumbentBeginDate,IncumbentVacateDate";
        var body = $"Dept,{new string('O', 301)},Director,Filled,CA,\"Washington, DC\",Pat,Doe,ES,1/2/2020 12:00:00 AM,\r\n" +
            "Dept,Office,Director,Filled,CA,\"Washington, DC\",Pat,Doe,ES,12/31/9999 12:00:00 AM,\r\n";
        var result = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new DateOnly(2025, 6, 30) })
            .Import(new MemoryStream(Encoding.UTF8.GetBytes(header + "\r\n" + body)), "plum.csv");
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Column == "OrganizationName" && e.Message.Contains("at most 300"));
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Column == "IncumbentBeginDate" && e.Message.Contains("outside the accepted range"));
    }

    [Fact]
    public void A_csv_field_longer_than_a_cell_may_be_is_refused_naming_the_limit()
    {
        var tables = new InventoryTables();
        tables.Positions[1][1] = new string('A', 40_000);
        var result = tables.ImportCsv();
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Column == "Agency" && e.Message.Contains("more than 32,767 characters (setting MaxCellChars)"));
    }

    [Fact]
    public void A_file_with_an_error_on_every_row_reports_the_first_hundred_and_the_total()
    {
        var tables = new InventoryTables();
        for (var i = 0; i < 50_000; i++)
        {
            tables.Positions.Add([$"X-{i}", "DEPARTMENT OF EXAMPLE", "Office of Policy", "Director", "ZZ" + new string('z', 150), "Washington, DC"]);
        }
        var result = tables.ImportCsv();

        Assert.False(result.Succeeded);
        Assert.Equal(ImportResult<object>.MaxReportedErrors, result.Errors.Count);
        Assert.Equal(50_000, result.TotalErrorCount);
        Assert.All(result.Errors, e => Assert.True(e.Value!.Length <= ErrorEcho.MaxEchoedChars + 1 && e.Message.Length <= 250, e.ToString()));
        var failure = Assert.Throws<ImportFailedException>(() => result.GetValueOrThrow());
        Assert.Equal(50_000, failure.TotalErrorCount);
    }
}
