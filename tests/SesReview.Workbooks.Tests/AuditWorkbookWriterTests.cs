using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class AuditWorkbookWriterTests
{
    private static readonly AuditRow[] Entries =
    [
        new(new DateTimeOffset(2025, 2, 5, 9, 0, 0, TimeSpan.FromHours(-5)), "cycle-started", "chco@agency.example.gov", "api", "10.0.0.4",
            "Designation review started for DEPARTMENT OF EXAMPLE."),
        new(new DateTimeOffset(2025, 3, 10, 18, 30, 0, TimeSpan.Zero), "decision", "head@agency.example.gov", "web", "10.0.0.9",
            "=HYPERLINK(\"http://evil.example\") P-001: request retention"),
        new(new DateTimeOffset(2025, 3, 11, 12, 0, 0, TimeSpan.Zero), "reminder", "system", "system", null, "Reminder sent to 2 approvers."),
    ];

    private static XlsxProbe Write()
    {
        var stream = new MemoryStream();
        AuditWorkbookWriter.Write(Entries, stream);
        return new XlsxProbe(stream.ToArray());
    }

    [Fact]
    public void Audit_workbook_passes_the_open_xml_validator()
    {
        using var probe = Write();
        var errors = new OpenXmlValidator().Validate(probe.Document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Audit_workbook_reads_back_one_row_per_entry_with_utc_iso_times()
    {
        using var probe = Write();
        Assert.Equal([AuditWorkbookWriter.SheetName], probe.SheetNames);
        var rows = probe.Rows(AuditWorkbookWriter.SheetName);

        Assert.Equal(AuditWorkbookWriter.Headers, rows[0].Select(h => h!));
        Assert.Equal(4, rows.Count);
        Assert.Equal(new string?[] { "2025-02-05T14:00:00Z", "cycle-started", "chco@agency.example.gov", "api", "10.0.0.4",
            "Designation review started for DEPARTMENT OF EXAMPLE." }, rows[1]);
        Assert.Equal("2025-03-11T12:00:00Z", rows[3][0]);
        Assert.Equal("system", rows[3][3]);
        Assert.Null(rows[3][4]);
        Assert.Equal("Reminder sent to 2 approvers.", rows[3][5]);
    }

    [Fact]
    public void Audit_detail_that_looks_like_a_formula_is_stored_as_quoted_text()
    {
        using var probe = Write();
        Assert.Equal("'=HYPERLINK(\"http://evil.example\") P-001: request retention", probe.Text(AuditWorkbookWriter.SheetName, "F3"));
        Assert.Empty(probe.Worksheet(AuditWorkbookWriter.SheetName).Descendants<CellFormula>());
    }

    [Fact]
    public void Audit_header_row_stays_in_view()
    {
        using var probe = Write();
        var pane = probe.Worksheet(AuditWorkbookWriter.SheetName).Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
    }
}
