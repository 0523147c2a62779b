using DocumentFormat.OpenXml.Validation;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class PlumCrossCheckSheetTests
{
    private static readonly PlumCrossCheckResult CrossCheck = new(1, 1, new Dictionary<MatchConfidence, int> { [MatchConfidence.High] = 1 },
    [
        new PlumDifference(PlumDifferenceKind.ListedInPlumButCareerReserved, MatchConfidence.High, "P-001", "PLUM-0123456789-1",
            "DEPARTMENT OF EXAMPLE", "Office of Policy", "Deputy Assistant Secretary for Policy", "Jane Doe",
            "PLUM lists the position, so it is General there; the inventory records it Career Reserved since 2023-04-02: a redesignation the report must include."),
    ]);

    [Fact]
    public void The_working_copy_carries_the_cross_check_sheet_and_the_report_to_OPM_does_not()
    {
        var toOpm = new MemoryStream();
        DesignationReportWriter.Write(ReportFixtures.DesignationReport(), toOpm);
        var workingCopy = new MemoryStream();
        DesignationReportWriter.Write(ReportFixtures.DesignationReport(), workingCopy, CrossCheck);

        using (var probe = new XlsxProbe(toOpm.ToArray())) Assert.Equal(["Summary", "Positions"], probe.SheetNames);
        using var copy = new XlsxProbe(workingCopy.ToArray());
        Assert.Equal(["Summary", "Positions", "PLUM cross-check"], copy.SheetNames);
        Assert.Empty(new OpenXmlValidator().Validate(copy.Document));
        var rows = copy.Rows("PLUM cross-check");
        Assert.Equal(PlumCrossCheckLayout.Sheet.Columns.Select(c => c.Header), rows[0]);
        Assert.Equal("Listed in PLUM (General) but Career Reserved in the inventory: a redesignation to report", rows[1][0]);
        Assert.Equal(["High", "P-001", "PLUM-0123456789-1"], rows[1].Skip(1).Take(3));
    }
}
