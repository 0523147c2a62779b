using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SesReview.Domain.Samples;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Layouts;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class InventoryTemplateTests
{
    private static byte[] Template()
    {
        var stream = new MemoryStream();
        InventoryWorkbookWriter.WriteTemplate(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Template_has_the_data_sheets_in_layout_order_then_instructions()
    {
        using var probe = new XlsxProbe(Template());
        Assert.Equal(["Positions", "DesignationHistory", "Incumbencies", "Allocations", "Instructions"], probe.SheetNames);
    }

    [Fact]
    public void Template_headers_come_from_the_layout_and_are_bold_on_a_fill()
    {
        using var probe = new XlsxProbe(Template());
        foreach (var sheet in InventoryLayout.DataSheets)
        {
            Assert.Equal(sheet.Columns.Select(c => c.Header), probe.Rows(sheet.Name)[0]);
            Assert.True(probe.IsBold(sheet.Name, "A1"));
        }
    }

    [Fact]
    public void Template_offers_drop_downs_for_every_code_column()
    {
        using var probe = new XlsxProbe(Template());
        var lists = probe.Worksheet("Positions").Descendants<DataValidation>().Where(v => v.Type?.Value == DataValidationValues.List).ToList();
        var payPlan = Assert.Single(lists);
        Assert.Equal("E2:E1048576", payPlan.SequenceOfReferences!.InnerText);
        Assert.Equal("\"ES,SL,ST\"", payPlan.Formula1!.Text);

        var designation = Assert.Single(probe.Worksheet("DesignationHistory").Descendants<DataValidation>(), v => v.Type?.Value == DataValidationValues.List);
        Assert.Equal("\"CR,GE\"", designation.Formula1!.Text);

        var appointment = Assert.Single(probe.Worksheet("Incumbencies").Descendants<DataValidation>(), v => v.Type?.Value == DataValidationValues.List);
        Assert.Equal("B2:B1048576", appointment.SequenceOfReferences!.InnerText);
        Assert.Equal("\"CA,NA,TA,EA,CG,DA,XS,PAS,PA,SC\"", appointment.Formula1!.Text);
    }

    [Fact]
    public void Template_checks_dates_and_whole_numbers()
    {
        using var probe = new XlsxProbe(Template());
        var dates = probe.Worksheet("Incumbencies").Descendants<DataValidation>().Where(v => v.Type?.Value == DataValidationValues.Date).ToList();
        Assert.Equal(["C2:C1048576", "D2:D1048576"], dates.Select(d => d.SequenceOfReferences!.InnerText));
        Assert.Contains(probe.Worksheet("Allocations").Descendants<DataValidation>(), v => v.Type?.Value == DataValidationValues.Whole);
    }

    [Fact]
    public void Template_freezes_the_header_row_of_every_data_sheet()
    {
        using var probe = new XlsxProbe(Template());
        foreach (var sheet in InventoryLayout.DataSheets)
        {
            var pane = probe.Worksheet(sheet.Name).Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
        }
    }

    [Fact]
    public void Template_columns_have_layout_widths_and_date_columns_a_date_format()
    {
        using var probe = new XlsxProbe(Template());
        var columns = probe.Worksheet("Incumbencies").Descendants<Column>().ToList();
        Assert.Equal(InventoryLayout.Incumbencies.Columns.Select(c => c.Width), columns.Select(c => c.Width!.Value));
        var stylesheet = probe.Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var startStyle = (CellFormat)stylesheet.CellFormats!.ElementAt((int)columns[2].Style!.Value);
        var format = stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == startStyle.NumberFormatId!.Value);
        Assert.Equal("yyyy-mm-dd", format.FormatCode!.Value);
    }

    [Fact]
    public void Instructions_describe_every_column_with_its_code_list()
    {
        using var probe = new XlsxProbe(Template());
        var rows = probe.Rows("Instructions");
        foreach (var sheet in InventoryLayout.DataSheets)
        {
            foreach (var column in sheet.Columns)
            {
                Assert.Contains(rows, r => r.Length > 5 && r[0]!.StartsWith(sheet.Name) && r[1] == column.Header && r[5] == column.Description);
            }
        }
        Assert.Contains(rows, r => r.Length > 4 && r[1] == "PayPlan" && r[4] == "ES, SL, ST");
    }

    [Fact]
    public void Template_and_filled_inventory_pass_the_open_xml_validator()
    {
        var filled = new MemoryStream();
        InventoryWorkbookWriter.Write(InventoryGenerator.Generate(50, seed: 3), filled);

        foreach (var bytes in new[] { Template(), filled.ToArray() })
        {
            using var probe = new XlsxProbe(bytes);
            var errors = new OpenXmlValidator().Validate(probe.Document).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
        }
    }

    [Fact]
    public void Exported_inventory_writes_dates_as_date_serials_with_the_date_format()
    {
        var inventory = InventoryGenerator.Generate(5, seed: 1);
        var stream = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, stream);

        using var probe = new XlsxProbe(stream.ToArray());
        Assert.Equal(inventory.Incumbencies[0].Start, probe.Date("Incumbencies", "C2"));
        Assert.Equal("yyyy-mm-dd", probe.NumberFormat("Incumbencies", "C2"));
        Assert.Equal(inventory.Allocations[0].Allocated, probe.Number("Allocations", "C2"));
    }
}
