using SesReview.Workbooks.Export;
using SesReview.Workbooks.Import;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

/// <summary>A PLUM import says what it assumed and refuses an agency name that matches nothing; the signature block is filled in.</summary>
public class PlumFirstUseTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "TestData", "plum-excerpt.csv");

    [Fact]
    public void An_agency_that_matches_nothing_is_an_error_naming_the_closest_agencies()
    {
        var result = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new(2025, 6, 30), Agency = "CONSUMER PRODUCT SAFTEY COMMISION" })
            .Import(SamplePath);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(PlumLayout.AgencyName, error.Column);
        Assert.Contains("'CONSUMER PRODUCT SAFTEY COMMISION'", error.Message);
        Assert.Contains("The closest agency names in the file are 'CONSUMER PRODUCT SAFETY COMMISSION'", error.Message);
    }

    [Fact]
    public void Undated_incumbents_serve_since_the_known_General_date_unless_a_snapshot_date_is_given_and_the_notes_say_so()
    {
        var byDefault = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new(2020, 1, 1) }).Import(SamplePath).Value!.Summary;
        var snapshot = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new(2020, 1, 1), SnapshotDate = new(2025, 6, 30) }).Import(SamplePath).Value!.Summary;

        Assert.Equal(new DateOnly(2020, 1, 1), byDefault.UndatedServingSince);
        Assert.Equal(new DateOnly(2025, 6, 30), snapshot.UndatedServingSince);
        Assert.StartsWith("Incumbents without a start date are taken as serving since 2020-01-01 (11 incumbencies", byDefault.Notes[0]);
        Assert.Contains("23 rows became 21 positions", byDefault.Notes[1]);
        Assert.Contains(PlumImportNotes.DesignationLimit, byDefault.Notes);
        Assert.Contains(PlumImportNotes.AllocationLimit, byDefault.Notes);
    }

    [Fact]
    public void The_signature_block_carries_the_signer_title_how_and_when_it_was_signed()
    {
        using var output = new MemoryStream();
        AllocationWorkbookWriter.Write(ReportFixtures.AllocationResult(), output,
            new SignatureBlock("Jordan Smith", "Secretary", "Signed off electronically in the review system by Jordan Smith (head@agency.example.gov)", "2026-12-10 14:05 America/New_York (UTC-05:00)"));
        using var probe = new XlsxProbe(output.ToArray());
        var rows = probe.Rows("Signature");

        Assert.Contains(rows, r => r.Length > 1 && r[0] == AllocationWorkbookLayout.SignatureLabels.Signature && r[1] == "Signed off electronically in the review system by Jordan Smith (head@agency.example.gov)");
        Assert.Contains(rows, r => r.Length > 1 && r[0] == AllocationWorkbookLayout.SignatureLabels.Date && r[1] == "2026-12-10 14:05 America/New_York (UTC-05:00)");
    }
}
