using DocumentFormat.OpenXml.Validation;
using SesReview.Domain.Model;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class AllocationWorkbookWriterTests
{
    private static XlsxProbe Write(SignatureBlock? signature = null)
    {
        var stream = new MemoryStream();
        AllocationWorkbookWriter.Write(ReportFixtures.AllocationResult(), stream, signature);
        return new XlsxProbe(stream.ToArray());
    }

    [Fact]
    public void Allocation_workbook_passes_the_open_xml_validator()
    {
        using var probe = Write();
        var errors = new OpenXmlValidator().Validate(probe.Document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Workbook_has_a_summary_sheet_per_pay_plan_then_redesignations_and_signature()
    {
        using var probe = Write();
        Assert.Equal(["ES Summary", "SL Summary", "ST Summary", "Redesignations", "Signature"], probe.SheetNames);
    }

    [Fact]
    public void Summary_rows_match_the_lines_of_their_pay_plan_with_typed_cells()
    {
        using var probe = Write();
        var rows = probe.Rows("ES Summary");

        Assert.Equal(AllocationWorkbookLayout.Summary(PayPlan.ES).Columns.Select(c => c.Header), rows[0]);
        Assert.Equal(["Office of Policy", "10", "8", "2", "0.2", "-1", "9", "Reorganization", "Two vacancies; one returned.", "Vacancy above 8%."], rows[1].AsEnumerable());
        Assert.Equal("Office of Science", rows[2][0]);
        Assert.Equal(0.2, probe.Number("ES Summary", "E2"));
        Assert.Equal("0.00%", probe.NumberFormat("ES Summary", "E2"));
        Assert.Equal(-1, probe.Number("ES Summary", "F2"));
    }

    [Fact]
    public void Each_summary_sheet_ends_with_a_bold_totals_row()
    {
        using var probe = Write();
        var rows = probe.Rows("ES Summary");

        Assert.Equal(["Total", "15", "13", "2", null, "-1", "14"], rows[^1].Take(7).Select((v, i) => i == 4 ? null : v));
        Assert.Equal(2.0 / 15, probe.Number("ES Summary", "E4")!.Value, 10);
        Assert.Equal("0.00%", probe.NumberFormat("ES Summary", "E4"));
        Assert.True(probe.IsBold("ES Summary", "A4"));
        Assert.True(probe.IsBold("ES Summary", "B4"));

        Assert.Equal(["Total", "2", "2", "0", "0", "0", "2"], probe.Rows("SL Summary")[^1].Take(7));
    }

    [Fact]
    public void Formula_like_text_in_reasons_is_neutralised()
    {
        using var probe = Write();
        Assert.Equal("'=1+1", probe.Text("ST Summary", "H2"));
        Assert.Equal("'@SUM(A1)", probe.Text("ST Summary", "I2"));
    }

    [Fact]
    public void Redesignations_sheet_lists_positions_by_title_with_justification()
    {
        using var probe = Write();
        var rows = probe.Rows("Redesignations");

        Assert.Equal(AllocationWorkbookLayout.Redesignations.Columns.Select(c => c.Header), rows[0]);
        Assert.Equal(["P-001", "Office of Policy", "Deputy Assistant Secretary for Policy", "CR", "GE", "Policy role; General fits."], rows[1].AsEnumerable());
    }

    [Fact]
    public void Signature_sheet_has_the_signature_block_and_every_warning()
    {
        using var probe = Write(new SignatureBlock("Jordan Smith", "Secretary"));
        var rows = probe.Rows("Signature");
        var text = rows.SelectMany(r => r).OfType<string>().ToList();

        Assert.Contains(rows, r => r.Length > 1 && r[0] == AllocationWorkbookLayout.SignatureLabels.AgencyHeadName && r[1] == "Jordan Smith");
        Assert.Contains(rows, r => r.Length > 1 && r[0] == AllocationWorkbookLayout.SignatureLabels.AgencyHeadTitle && r[1] == "Secretary");
        Assert.Contains(AllocationWorkbookLayout.SignatureLabels.Signature, text);
        Assert.Contains(AllocationWorkbookLayout.SignatureLabels.Date, text);
        Assert.Contains("Noncareer appointees would be 27% of the resulting ES allocation (limit 25%).", text);
        Assert.Contains("ES, Office of Policy: Vacancy above 8%.", text);
        var dueRow = probe.RowWhereA("Signature", AllocationWorkbookLayout.SignatureLabels.DueDate);
        Assert.Equal(new DateOnly(2025, 12, 19), probe.Date("Signature", $"B{dueRow}"));
    }

    [Fact]
    public void Signature_sheet_says_none_when_there_are_no_warnings()
    {
        var result = ReportFixtures.AllocationResult();
        result = result with { AgencyWarnings = [], Lines = [.. result.Lines.Select(l => l with { Warnings = [] })] };
        var stream = new MemoryStream();
        AllocationWorkbookWriter.Write(result, stream);

        using var probe = new XlsxProbe(stream.ToArray());
        Assert.Contains(probe.Rows("Signature"), r => r.Length > 0 && r[0] == AllocationWorkbookLayout.SignatureLabels.NoWarnings);
    }

    [Fact]
    public void Writer_works_on_a_stream_that_cannot_seek()
    {
        var target = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(target)) AllocationWorkbookWriter.Write(ReportFixtures.AllocationResult(), forwardOnly);

        using var probe = new XlsxProbe(target.ToArray());
        Assert.Equal(5, probe.SheetNames.Count);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
