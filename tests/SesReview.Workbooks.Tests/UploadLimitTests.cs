using System.Diagnostics;
using System.IO.Compression;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Import;
using SesReview.Workbooks.Tests.Support;
using Xunit.Abstractions;

namespace SesReview.Workbooks.Tests;

/// <summary>
/// Hostile workbooks of a few hundred KB that expand to tens or hundreds of MB: each is refused with the limit named,
/// within <see cref="TimeBound"/> and allocating less than <see cref="AllocationBound"/> on the importing thread.
/// </summary>
public class UploadLimitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Well under the 256 MB an upload may use, though it counts garbage too (a million shared strings, the most
    /// allowed, take about 130 MB); reading any one of these files whole allocates far more.
    /// </summary>
    private const long AllocationBound = 160L * 1024 * 1024;

    // Built once: writing the compressed parts is most of these tests' time.
    private static readonly Lazy<byte[]> HugeCell = new(() => HostileWorkbook.Build(w =>
    {
        HostileWorkbook.HeaderRow(w);
        w.Write("<row r=\"7\"><c r=\"D7\" t=\"inlineStr\"><is><t>");
        HostileWorkbook.Repeat(w, 'A', 60_000_000);
        w.Write("</t></is></c></row>");
    }));

    private static readonly Lazy<byte[]> ManySharedStrings = new(() => HostileWorkbook.Build(
        HostileWorkbook.HeaderRow, w => HostileWorkbook.Repeat(w, "<si><t>a</t></si>", 2_500_000)));

    private static readonly Lazy<byte[]> WideRow = new(() => HostileWorkbook.Build(w =>
    {
        HostileWorkbook.HeaderRow(w);
        w.Write("<row r=\"2\">");
        HostileWorkbook.Repeat(w, "<c t=\"inlineStr\"><is><t>x</t></is></c>", 100_000);
        w.Write("</row>");
    }));

    private static readonly Lazy<byte[]> ManyEmptyRows = new(() => HostileWorkbook.Build(w =>
    {
        HostileWorkbook.HeaderRow(w);
        HostileWorkbook.Repeat(w, "<row/>", 2_000_000);
    }));

    private static readonly Lazy<byte[]> HugeSheetPart = new(() => HostileWorkbook.Build(w =>
    {
        HostileWorkbook.HeaderRow(w);
        w.Write("<row r=\"2\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
        HostileWorkbook.Repeat(w, ' ', 300L * 1024 * 1024); // whitespace between rows: 300 MB that the XML reader must scan
    }));

    private static readonly Lazy<byte[]> ManyEntries = new(() => HostileWorkbook.Build(HostileWorkbook.HeaderRow, extraEntries: 1_200));

    private sealed record Measured(ImportResult<PositionInventory> Result, TimeSpan Elapsed, long AllocatedBytes);

    /// <summary>Imports on the calling thread (the importer is synchronous), so the thread's allocations are the import's.</summary>
    private static Measured Import(byte[] file)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = new InventoryWorkbookImporter().Import(new MemoryStream(file, writable: false), "hostile.xlsx");
        watch.Stop();
        return new Measured(result, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private Measured AssertRefusedWithin(byte[] file, string expectedMessage)
    {
        var m = Import(file);
        output.WriteLine($"{file.Length / 1024:N0} KB file: {m.Elapsed.TotalMilliseconds:N0} ms, {m.AllocatedBytes / (1024 * 1024):N0} MB allocated: " +
            string.Join(" | ", m.Result.Errors.Take(3)));
        Assert.False(m.Result.Succeeded);
        Assert.Contains(m.Result.Errors, e => e.Message.Contains(expectedMessage, StringComparison.Ordinal));
        Assert.True(m.Elapsed < TimeBound, $"took {m.Elapsed}");
        Assert.True(m.AllocatedBytes < AllocationBound, $"allocated {m.AllocatedBytes:N0} bytes");
        return m;
    }

    [Fact]
    public void A_cell_longer_than_Excel_allows_is_refused_naming_sheet_and_row()
    {
        var m = AssertRefusedWithin(HugeCell.Value, "Sheet 'Positions' row 7: a cell holds more than 32,767 characters (setting MaxCellChars)");
        Assert.Equal(7, m.Result.Errors.Single().Row);
    }

    [Fact]
    public void A_shared_strings_table_with_too_many_items_is_refused() =>
        AssertRefusedWithin(ManySharedStrings.Value, "shared strings table has more than 1,000,000 items (setting MaxSharedStrings)");

    [Fact]
    public void A_row_with_too_many_columns_is_refused() =>
        AssertRefusedWithin(WideRow.Value, "Sheet 'Positions' row 2 has more than 1,024 columns (setting MaxColumnsPerRow)");

    [Fact]
    public void Empty_rows_count_towards_the_sheet_row_limit() =>
        AssertRefusedWithin(ManyEmptyRows.Value, "Sheet 'Positions' has more than 1,048,576 rows, counting empty ones (setting MaxSheetRows)");

    [Fact]
    public void A_part_larger_than_the_bound_when_uncompressed_is_refused() =>
        AssertRefusedWithin(HugeSheetPart.Value, "is larger than 64 MB when uncompressed (setting MaxPartBytes)");

    [Fact]
    public void A_package_with_too_many_entries_is_refused() =>
        AssertRefusedWithin(ManyEntries.Value, "ZIP package has more than 1,000 entries (setting MaxZipEntries)");

    [Fact]
    public async Task Four_hostile_uploads_at_once_are_refused_within_the_bounds()
    {
        var files = new[] { HugeCell.Value, ManySharedStrings.Value, HugeSheetPart.Value, WideRow.Value };
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(files.Select(f => Task.Run(() => Import(f))));
        watch.Stop();
        output.WriteLine($"four at once: {watch.Elapsed.TotalMilliseconds:N0} ms; allocated MB: " +
            string.Join(", ", results.Select(r => r.AllocatedBytes / (1024 * 1024))));
        Assert.All(results, r => Assert.False(r.Result.Succeeded));
        Assert.All(results, r => Assert.True(r.AllocatedBytes < AllocationBound, $"allocated {r.AllocatedBytes:N0} bytes"));
        Assert.True(watch.Elapsed < TimeBound, $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_valid_12000_position_workbook_still_imports()
    {
        var inventory = InventoryGenerator.Generate(12_000, seed: 3);
        using var file = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, file);
        using (var zip = new ZipArchive(new MemoryStream(file.ToArray()), ZipArchiveMode.Read))
        {
            output.WriteLine($"{file.Length / 1024:N0} KB; largest parts: " + string.Join(", ",
                zip.Entries.OrderByDescending(e => e.Length).Take(3).Select(e => $"{e.FullName} {e.Length / 1024:N0} KB")));
        }
        var m = Import(file.ToArray());
        output.WriteLine($"imported in {m.Elapsed.TotalMilliseconds:N0} ms, {m.AllocatedBytes / (1024 * 1024):N0} MB allocated");
        Assert.True(m.Result.Succeeded, string.Join("\n", m.Result.Errors.Take(5)));
        Assert.Equal(12_000, m.Result.Value.Positions.Count);
        Assert.True(m.Elapsed < TimeBound, $"took {m.Elapsed}");
    }
}
