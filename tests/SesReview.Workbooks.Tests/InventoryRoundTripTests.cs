using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Import;
using SesReview.Workbooks.Tests.Support;

namespace SesReview.Workbooks.Tests;

public class InventoryRoundTripTests
{
    private static byte[] Export(PositionInventory inventory)
    {
        var stream = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, stream);
        return stream.ToArray();
    }

    private static void AssertSameData(PositionInventory expected, PositionInventory actual)
    {
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(expected.Designations, actual.Designations);
        Assert.Equal(expected.Incumbencies, actual.Incumbencies);
        Assert.Equal(expected.Allocations, actual.Allocations);
    }

    [Fact]
    public void Generated_inventory_exported_to_the_template_imports_back_equal()
    {
        var inventory = InventoryGenerator.Generate(400, seed: 7);

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(Export(inventory)), "inventory.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Take(10)));
        AssertSameData(inventory, result.Value);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_survives_the_round_trip_exactly()
    {
        string[] tricky = ["=SUM(A1:A2)", "+1 202 555 0100", "-Deputy", "@risk", "\tTabbed", "'=quoted already", "'plain apostrophe", "''=two"];
        var positions = tricky.Select((t, i) => new Position($"P{i}", "AGENCY", "Component", t, PayPlan.SL, t)).ToList();
        var incumbencies = tricky.Select((t, i) => new Incumbency($"P{i}", AppointmentType.CA, new DateOnly(2020, 1, 1), null, "=HYPERLINK(\"x\")")).ToList();
        var inventory = PositionInventory.Create(positions, [], incumbencies);

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(Export(inventory)), "inventory.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(tricky, result.Value.Positions.Select(p => p.Title));
        Assert.Equal(tricky, result.Value.Positions.Select(p => p.Location));
        Assert.All(result.Value.Incumbencies, i => Assert.Equal("=HYPERLINK(\"x\")", i.IncumbentName));
    }

    [Fact]
    public void Empty_optional_values_round_trip_as_empty()
    {
        var inventory = PositionInventory.Create(
            [new Position("A1", "AGENCY", "C", "T", PayPlan.ES, "")],
            [new DesignationChange("A1", Designation.General, new DateOnly(2015, 3, 1))],
            [new Incumbency("A1", AppointmentType.NA, new DateOnly(2021, 1, 20), new DateOnly(2021, 1, 20))]);

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(Export(inventory)), "x.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        AssertSameData(inventory, result.Value);
    }

    [Fact]
    public void Workbook_with_shared_strings_and_serial_dates_imports()
    {
        var tables = new InventoryTables();
        tables.Designations[1][2] = new DateOnly(2010, 5, 1);
        tables.Incumbencies[1][2] = new DateOnly(2021, 2, 1);
        tables.Allocations[1][2] = 3;

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(tables.ToXlsx(sharedStrings: true)), "x.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new DateOnly(2010, 5, 1), result.Value.Designations[0].EffectiveDate);
        Assert.Equal(new DateOnly(2021, 2, 1), result.Value.Incumbencies[0].Start);
        Assert.Equal(3, result.Value.Allocations[0].Allocated);
        Assert.Equal("Deputy Assistant Secretary for Policy", result.Value.Positions[0].Title);
    }

    [Fact]
    public void Workbook_with_inline_strings_and_iso_text_dates_imports()
    {
        var result = new InventoryWorkbookImporter().Import(new MemoryStream(new InventoryTables().ToXlsx(sharedStrings: false)), "x.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Value.Positions.Count);
        Assert.Equal(new DateOnly(2023, 4, 2), result.Value.Designations[1].EffectiveDate);
        Assert.Null(result.Value.Incumbencies[1].End);
        Assert.Null(result.Value.Incumbencies[2].IncumbentName);
    }

    [Fact]
    public void The_same_tables_import_from_csv_files()
    {
        var fromCsv = new InventoryTables().ImportCsv();
        var fromXlsx = new InventoryTables().ImportXlsx();

        Assert.True(fromCsv.Succeeded, string.Join("\n", fromCsv.Errors));
        Assert.True(fromXlsx.Succeeded, string.Join("\n", fromXlsx.Errors));
        AssertSameData(fromXlsx.Value, fromCsv.Value);
    }

    [Fact]
    public void Csv_folder_with_the_sheet_names_as_file_names_imports_and_allocations_are_optional()
    {
        var folder = Directory.CreateTempSubdirectory("inventory-csv").FullName;
        try
        {
            var tables = new InventoryTables();
            File.WriteAllBytes(Path.Combine(folder, "Positions.csv"), InventoryTables.Csv(tables.Positions));
            File.WriteAllBytes(Path.Combine(folder, "DesignationHistory.csv"), InventoryTables.Csv(tables.Designations));
            File.WriteAllBytes(Path.Combine(folder, "Incumbencies.csv"), InventoryTables.Csv(tables.Incumbencies));

            var result = new InventoryCsvImporter().ImportFolder(folder);

            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            Assert.Equal(3, result.Value.Positions.Count);
            Assert.Empty(result.Value.Allocations);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Columns_in_another_order_with_extra_columns_import()
    {
        var tables = new InventoryTables();
        var reordered = tables.Positions.Select(r => new object?[] { r[5], r[4], "extra", r[3], r[2], r[1], r[0] }).ToList();
        reordered[0][2] = "Notes";
        tables.Positions.Clear();
        tables.Positions.AddRange(reordered);

        var result = tables.ImportXlsx();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new Position("P-002", "DEPARTMENT OF EXAMPLE", "Office of Science", "Senior Scientist for Hydrology", PayPlan.ST, "Boulder, CO"),
            result.Value.Positions[1]);
    }

    [Fact]
    public void Government_wide_inventory_of_12000_positions_round_trips()
    {
        var inventory = InventoryGenerator.Generate(12_000, seed: 11, agencyCount: 75);

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(Export(inventory)), "government.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Take(10)));
        AssertSameData(inventory, result.Value);
    }

    [Fact]
    public void Inventory_derived_from_plum_round_trips_through_the_template()
    {
        var plum = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new DateOnly(2025, 6, 30) })
            .Import(Path.Combine(AppContext.BaseDirectory, "TestData", "plum-excerpt.csv")).GetValueOrThrow();

        var result = new InventoryWorkbookImporter().Import(new MemoryStream(Export(plum.Inventory)), "plum.xlsx");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        AssertSameData(plum.Inventory, result.Value);
    }

    [Fact]
    public void Sheet_with_more_rows_than_the_limit_is_refused()
    {
        var inventory = InventoryGenerator.Generate(30, seed: 2);

        var result = new InventoryWorkbookImporter(new ImportOptions { MaxRowsPerTable = 10 })
            .Import(new MemoryStream(Export(inventory)), "x.xlsx");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Sheet == "Positions" && e.Message.Contains("MaxRowsPerTable"));
    }
}
