using System.Text;
using SesReview.Domain.Model;
using SesReview.Workbooks.Import;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

/// <summary>Each rule of the inventory importers, broken once; the workbook and the CSV path share the checks.</summary>
public class InventoryValidationTests
{
    private static ImportError SingleError(ImportResult<PositionInventory> result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Unknown_pay_plan_is_reported_with_sheet_row_column_and_value()
    {
        var t = new InventoryTables();
        t.Positions[2][4] = "GS";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("inventory.xlsx", "Positions", 3, "PayPlan", "GS"), (e.File, e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("ES, SL, ST", e.Message);
    }

    [Fact]
    public void Unknown_designation_code_is_reported()
    {
        var t = new InventoryTables();
        t.Designations[1][1] = "Career";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("DesignationHistory", 2, "Designation", "Career"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("CR, GE", e.Message);
    }

    [Fact]
    public void Unknown_appointment_type_is_reported()
    {
        var t = new InventoryTables();
        t.Incumbencies[3][1] = "ZZ";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Incumbencies", 4, "AppointmentType", "ZZ"), (e.Sheet, e.Row, e.Column, e.Value));
    }

    [Fact]
    public void Duplicate_position_id_is_reported_on_the_second_row_naming_the_first()
    {
        var t = new InventoryTables();
        t.Positions[3][0] = "P-001";
        t.Designations.RemoveAt(3); // P-003 no longer exists

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Positions", 4, "PositionId", "P-001"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void Duplicate_designation_change_of_one_position_on_one_date_is_reported()
    {
        var t = new InventoryTables();
        t.Designations.Add(["P-001", "CR", "2010-05-01"]);

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("DesignationHistory", 5, "EffectiveDate", "2010-05-01"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void Designation_of_an_unknown_position_is_reported()
    {
        var t = new InventoryTables();
        t.Designations[3][0] = "P-999";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("DesignationHistory", 4, "PositionId", "P-999"), (e.Sheet, e.Row, e.Column, e.Value));
    }

    [Fact]
    public void Incumbency_of_an_unknown_position_is_reported()
    {
        var t = new InventoryTables();
        t.Incumbencies[3][0] = "NOPE";

        var e = SingleError(t.ImportCsv());

        Assert.Equal(("Incumbencies.csv", null, 4, "PositionId", "NOPE"), (e.File, e.Sheet, e.Row, e.Column, e.Value));
    }

    [Fact]
    public void Designation_of_a_position_that_is_not_ES_is_reported()
    {
        var t = new InventoryTables();
        t.Designations.Add(["P-002", "GE", "2019-01-01"]);

        var e = SingleError(t.ImportXlsx());

        Assert.Contains("only ES positions carry a designation", e.Message);
    }

    [Fact]
    public void End_date_before_start_date_is_reported()
    {
        var t = new InventoryTables();
        t.Incumbencies[1][3] = "2021-01-31";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Incumbencies", 2, "EndDate", "2021-01-31"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("before the start date", e.Message);
    }

    [Fact]
    public void Overlapping_incumbencies_of_one_position_are_reported()
    {
        var t = new InventoryTables();
        t.Incumbencies[2][2] = "2023-03-31"; // starts on the last day of the previous incumbency (inclusive)

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Incumbencies", 3, "StartDate", "2023-03-31"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void Two_incumbents_still_serving_in_one_position_overlap()
    {
        var t = new InventoryTables();
        t.Incumbencies.Add(["P-001", "CA", "2024-01-01", null, "Third"]);

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(5, e.Row);
        Assert.Contains("still serving", e.Message);
    }

    [Fact]
    public void Impossible_calendar_date_is_reported()
    {
        var t = new InventoryTables();
        t.Designations[2][2] = "2025-02-30";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("DesignationHistory", 3, "EffectiveDate", "2025-02-30"), (e.Sheet, e.Row, e.Column, e.Value));
        Assert.Contains("not a real calendar date", e.Message);
    }

    [Fact]
    public void Text_that_is_no_date_is_reported()
    {
        var t = new InventoryTables();
        t.Incumbencies[1][2] = "next spring";

        var e = SingleError(t.ImportCsv());

        Assert.Equal(("StartDate", "next spring"), (e.Column, e.Value));
        Assert.Contains("yyyy-mm-dd", e.Message);
    }

    [Fact]
    public void Us_style_date_text_in_csv_is_not_guessed()
    {
        var t = new InventoryTables();
        t.Designations[1][2] = "5/1/2010";

        var e = SingleError(t.ImportCsv());

        Assert.Equal("5/1/2010", e.Value);
    }

    [Fact]
    public void Date_serial_outside_the_workbook_range_is_reported()
    {
        var t = new InventoryTables();
        t.Designations[1][2] = 5.0; // 1900-01-05: before the 1900 leap-year bug, ambiguous

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("EffectiveDate", "5"), (e.Column, e.Value));
    }

    [Fact]
    public void Missing_required_fields_are_each_reported()
    {
        var t = new InventoryTables();
        t.Positions[1][1] = null;   // Agency
        t.Positions[1][3] = "   ";  // Title, blank
        t.Incumbencies[3][2] = null; // StartDate

        var result = t.ImportXlsx();

        Assert.False(result.Succeeded);
        Assert.Equal(
            [("Positions", 2, "Agency"), ("Positions", 2, "Title"), ("Incumbencies", 4, "StartDate")],
            result.Errors.Select(e => (e.Sheet!, e.Row!.Value, e.Column!)));
        Assert.All(result.Errors, e => Assert.EndsWith("is required.", e.Message));
    }

    [Fact]
    public void Optional_location_end_date_and_name_may_be_empty()
    {
        var t = new InventoryTables();
        t.Positions[1][5] = null;

        var result = t.ImportXlsx();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("", result.Value.Positions[0].Location);
    }

    [Fact]
    public void Negative_allocation_is_reported()
    {
        var t = new InventoryTables();
        t.Allocations[1][2] = "-2";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Allocations", 2, "Allocated", "-2"), (e.Sheet, e.Row, e.Column, e.Value));
    }

    [Fact]
    public void Duplicate_allocation_of_a_component_and_pay_plan_is_reported()
    {
        var t = new InventoryTables();
        t.Allocations.Add(["Office of Policy", "ES", "4"]);

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("Allocations", 4), (e.Sheet, e.Row!.Value));
    }

    [Fact]
    public void Missing_required_sheet_is_reported_and_the_optional_allocations_sheet_is_not()
    {
        var t = new InventoryTables();
        t.Omitted.Add("Incumbencies");
        t.Omitted.Add("Allocations");

        var e = SingleError(t.ImportXlsx());

        Assert.Equal("Incumbencies", e.Sheet);
        Assert.Null(e.Row);
        Assert.Contains("no sheet named Incumbencies", e.Message);
    }

    [Fact]
    public void Missing_required_csv_file_is_reported()
    {
        var t = new InventoryTables();
        t.Omitted.Add("Positions");

        var e = SingleError(t.ImportCsv());

        Assert.Equal("Positions.csv", e.File);
    }

    [Fact]
    public void Missing_required_column_is_reported_on_the_header_row()
    {
        var t = new InventoryTables();
        foreach (var row in t.Designations) row[1] = null;
        t.Designations[0][1] = "Desig";

        var e = SingleError(t.ImportXlsx());

        Assert.Equal(("DesignationHistory", 1, "Designation"), (e.Sheet, e.Row, e.Column));
        Assert.Contains("required column Designation is missing", e.Message);
    }

    [Fact]
    public void Every_error_of_the_file_is_reported_not_just_the_first()
    {
        var t = new InventoryTables();
        t.Positions[1][4] = "XX";
        t.Designations[2][1] = "??";
        t.Incumbencies[1][2] = "2025-13-01";
        t.Incumbencies[3][0] = "P-404";
        t.Allocations[2][1] = "QQ";

        var result = t.ImportXlsx();

        Assert.Null(result.Value);
        Assert.Equal(5, result.Errors.Count);
        var ex = Assert.Throws<ImportFailedException>(() => result.GetValueOrThrow());
        Assert.Equal(5, ex.Errors.Count);
    }

    [Fact]
    public void Csv_bytes_named_xlsx_give_a_clear_error()
    {
        var csv = InventoryTables.Csv(new InventoryTables().Positions);

        var e = SingleError(new InventoryWorkbookImporter().Import(new MemoryStream(csv), "inventory.xlsx"));

        Assert.Equal("inventory.xlsx", e.File);
        Assert.Contains("not an Excel workbook", e.Message);
        Assert.Contains("plain text", e.Message);
    }

    [Fact]
    public void Random_bytes_named_xlsx_give_a_clear_error()
    {
        var bytes = new byte[5000];
        new Random(42).NextBytes(bytes);

        var e = SingleError(new InventoryWorkbookImporter().Import(new MemoryStream(bytes), "inventory.xlsx"));

        Assert.Contains("not an Excel workbook", e.Message);
    }

    [Fact]
    public void Zip_that_is_not_a_workbook_gives_a_clear_error()
    {
        var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("hello");
        }

        var e = SingleError(new InventoryWorkbookImporter().Import(new MemoryStream(stream.ToArray()), "inventory.xlsx"));

        Assert.Contains("not a readable Excel workbook", e.Message);
    }

    [Fact]
    public void Legacy_xls_file_gives_a_clear_error()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var e = SingleError(new InventoryWorkbookImporter().Import(new MemoryStream(ole), "inventory.xlsx"));

        Assert.Contains("97-2003", e.Message);
    }

    [Fact]
    public void Workbook_given_as_a_csv_file_gives_a_clear_error()
    {
        var t = new InventoryTables();
        var xlsx = t.ToXlsx();

        var result = new InventoryCsvImporter().Import(
            new CsvSource("Positions.csv", new MemoryStream(xlsx)),
            new CsvSource("DesignationHistory.csv", new MemoryStream(InventoryTables.Csv(t.Designations))),
            new CsvSource("Incumbencies.csv", new MemoryStream(InventoryTables.Csv(t.Incumbencies))));

        var e = Assert.Single(result.Errors);
        Assert.Equal("Positions.csv", e.File);
        Assert.Contains("not a CSV text file", e.Message);
    }

    [Fact]
    public void Oversized_file_is_refused_before_parsing()
    {
        var bytes = new InventoryTables().ToXlsx();

        var e = SingleError(new InventoryWorkbookImporter(new ImportOptions { MaxFileBytes = bytes.Length - 1 })
            .Import(new MemoryStream(bytes), "inventory.xlsx"));

        Assert.Contains("MaxFileBytes", e.Message);
    }

    [Fact]
    public void Oversized_stream_that_cannot_seek_is_refused_without_reading_it_all()
    {
        var stream = new NonSeekableStream(new MemoryStream(new byte[10_000_000]));

        var e = SingleError(new InventoryWorkbookImporter(new ImportOptions { MaxFileBytes = 100_000 }).Import(stream, "big.xlsx"));

        Assert.Contains("larger than", e.Message);
        Assert.True(stream.BytesRead < 1_000_000);
    }

    [Fact]
    public void Default_file_limit_is_25_megabytes()
    {
        Assert.Equal(25L * 1024 * 1024, ImportOptions.Default.MaxFileBytes);
    }

    [Fact]
    public void Csv_row_with_an_unquoted_comma_is_reported()
    {
        var csv = Encoding.UTF8.GetBytes("PositionId,Agency,Component,Title,PayPlan,Location\r\nP-1,AGENCY,C,Director, Office of X,ES,\"Washington, DC\"\r\n");
        var t = new InventoryTables();

        var result = new InventoryCsvImporter().Import(
            new CsvSource("Positions.csv", new MemoryStream(csv)),
            new CsvSource("DesignationHistory.csv", new MemoryStream(InventoryTables.Csv(t.Designations.Take(1)))),
            new CsvSource("Incumbencies.csv", new MemoryStream(InventoryTables.Csv(t.Incumbencies.Take(1)))));

        var e = Assert.Single(result.Errors);
        Assert.Equal(2, e.Row);
        Assert.Contains("7 fields", e.Message);
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
