using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class DesignationReportWriterTests
{
    private static XlsxProbe Write()
    {
        var stream = new MemoryStream();
        DesignationReportWriter.Write(ReportFixtures.DesignationReport(), stream);
        return new XlsxProbe(stream.ToArray());
    }

    [Fact]
    public void Report_passes_the_open_xml_validator()
    {
        using var probe = Write();
        var errors = new OpenXmlValidator().Validate(probe.Document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Summary_sheet_holds_agency_dates_and_counts_as_typed_cells()
    {
        using var probe = Write();
        Assert.Equal(["Summary", "Positions"], probe.SheetNames);
        var rows = probe.Rows("Summary");
        var values = Enumerable.Range(0, DesignationReportLayout.SummaryLabels.InOrder.Count)
            .ToDictionary(i => DesignationReportLayout.SummaryLabels.InOrder[i], i => $"B{i + 2}");

        Assert.Equal("DEPARTMENT OF EXAMPLE", probe.Text("Summary", values["Agency"]));
        Assert.Equal(new DateOnly(2025, 2, 5), probe.Date("Summary", values[DesignationReportLayout.SummaryLabels.MemoDate]));
        Assert.Equal(new DateOnly(2025, 3, 24), probe.Date("Summary", values[DesignationReportLayout.SummaryLabels.DueDate]));
        Assert.Equal("yyyy-mm-dd", probe.NumberFormat("Summary", values[DesignationReportLayout.SummaryLabels.DueDate]));
        Assert.Equal(40, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.PositionsReviewed]));
        Assert.Equal(4, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.Identified]));
        Assert.Equal(3, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.CriterionA]));
        Assert.Equal(2, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.CriterionB]));
        Assert.Equal(2, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.Revert]));     // P-002 decided, P-004 by default
        Assert.Equal(1, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.RetentionRequests]));
        Assert.Equal(1, probe.Number("Summary", values[DesignationReportLayout.SummaryLabels.DecisionsPending]));
        Assert.Equal(DesignationReportLayout.SummaryLabels.InOrder, rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void Positions_sheet_has_one_row_per_identified_position_matching_the_input()
    {
        var report = ReportFixtures.DesignationReport();
        using var probe = Write();
        var rows = probe.Rows("Positions");

        Assert.Equal(DesignationReportLayout.Positions.Columns.Select(c => c.Header), rows[0]);
        Assert.Equal(report.Entries.Count + 1, rows.Count);
        Assert.Equal(report.Entries.Select(e => e.Position.PositionId), rows.Skip(1).Select(r => r[0]));

        Assert.Equal(
            ["P-001", "Office of Policy", "Deputy Assistant Secretary for Policy", "Washington, DC", "a, b", "790",
             "GE 2019-05-01; CR 2023-04-02", null, "CR", "Revert to General",
             "General on 2021-01-19 (General since 2019-05-01). (OPM memo of 2025-02-05, paragraph 1(a))\n" +
             "noncareer while General for 790 of 1,461 days: 2021-01-20 – 2023-03-20 (J. Doe, NA). (OPM memo of 2025-02-05, paragraph 1(b))",
             "Request retention as Career Reserved",
             "'+Impartiality of enforcement decisions requires a career appointee.", "Agency Head", null],
            rows[1].Select((v, i) => i is 7 or 14 ? null : v));
        Assert.Equal(new DateOnly(2023, 4, 2), probe.Date("Positions", "H2"));
        Assert.Equal(790, probe.Number("Positions", "F2"));
        var decidedAt = DateTime.FromOADate(probe.Number("Positions", "O2")!.Value);
        Assert.Equal(new DateTime(2025, 3, 10, 18, 30, 0), decidedAt); // UTC
        Assert.Equal("yyyy-mm-dd hh:mm", probe.NumberFormat("Positions", "O2"));

        Assert.Equal("b", rows[3][4]);
        Assert.Equal("No action", rows[3][9]);
        Assert.Equal(DesignationReportWriter.PendingText, rows[4][11]);
    }

    [Fact]
    public void Text_that_would_be_a_formula_is_written_with_a_quote_prefix_and_no_formula()
    {
        using var probe = Write();

        Assert.Equal("'=cmd|' /C calc'!A0", probe.Text("Positions", "C3"));
        Assert.Empty(probe.Worksheet("Positions").Descendants<CellFormula>());
    }

    [Fact]
    public void Positions_sheet_freezes_the_header_and_the_id_column_and_sets_widths()
    {
        using var probe = Write();
        var pane = probe.Worksheet("Positions").Descendants<Pane>().Single();

        Assert.Equal(("B2", 1d, 1d, PaneStateValues.Frozen), (pane.TopLeftCell!.Value, pane.VerticalSplit!.Value, pane.HorizontalSplit!.Value, pane.State!.Value));
        Assert.Equal(DesignationReportLayout.Positions.Columns.Select(c => c.Width), probe.Worksheet("Positions").Descendants<Column>().Select(c => c.Width!.Value));
        Assert.True(probe.IsBold("Positions", "A1"));
    }

    [Fact]
    public void Empty_report_is_still_a_valid_workbook()
    {
        var stream = new MemoryStream();
        DesignationReportWriter.Write(ReportFixtures.DesignationReport() with { Entries = [] }, stream);

        using var probe = new XlsxProbe(stream.ToArray());
        Assert.Single(probe.Rows("Positions"));
        Assert.Empty(new OpenXmlValidator().Validate(probe.Document));
    }
}
