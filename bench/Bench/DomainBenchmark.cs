using System.Diagnostics;
using System.IO.Compression;
using System.Xml;
using SesReview.Domain.AllocationReview;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Import;

namespace Bench;

/// <summary>
/// Issue 2's benchmark: a government-wide inventory (12,000 positions, 75 agencies) through import, both reviews
/// and both exports, each step timed, against a baseline measured in the same run: decompressing and scanning
/// every XML part of the same workbook without interpreting a cell (the least any importer must do).
/// </summary>
public static class DomainBenchmark
{
    private const int Positions = 12_000;
    private const int Agencies = 75;
    private static readonly DateOnly AsOf = new(2025, 2, 10);

    public static void Run(TextWriter output)
    {
        var bytes = WorkbookOf(InventoryGenerator.Generate(Positions, seed: 42, agencyCount: Agencies));

        // Warm-up on a small inventory so the figures measure the work, not the JIT.
        RunOnce(WorkbookOf(InventoryGenerator.Generate(300, seed: 1, agencyCount: 3)));
        var baseline = Time(() => ScanXml(bytes));

        output.WriteLine($"Domain benchmark: {Positions:N0} positions, {Agencies} agencies, inventory workbook {bytes.Length / 1024.0 / 1024.0:0.0} MB, {Environment.ProcessorCount} cores");
        output.WriteLine($"{"step",-42} {"time",9} {"x baseline",11}");
        output.WriteLine($"{"baseline: unzip + scan the xlsx XML",-42} {baseline.TotalMilliseconds,7:0} ms {1,10:0.0}x");

        var steps = RunOnce(bytes);
        var total = TimeSpan.Zero;
        foreach (var (name, elapsed) in steps)
        {
            total += elapsed;
            output.WriteLine($"{name,-42} {elapsed.TotalMilliseconds,7:0} ms {elapsed / baseline,10:0.0}x");
        }
        output.WriteLine($"{"total (import, assess, export)",-42} {total.TotalMilliseconds,7:0} ms {total / baseline,10:0.0}x   target < 3000 ms");
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        output.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MB   target < 300 MB");
    }

    private static byte[] WorkbookOf(SesReview.Domain.Model.PositionInventory inventory)
    {
        var stream = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, stream);
        return stream.ToArray();
    }

    private static List<(string Name, TimeSpan Elapsed)> RunOnce(byte[] bytes)
    {
        var steps = new List<(string, TimeSpan)>();
        SesReview.Domain.Model.PositionInventory inventory = null!;
        steps.Add(("import inventory workbook (xlsx)", Time(() =>
            inventory = new InventoryWorkbookImporter().Import(new MemoryStream(bytes), "inventory.xlsx").GetValueOrThrow())));

        IReadOnlyList<DesignationAssessment> assessments = null!;
        steps.Add(("assess designation review", Time(() => assessments = new DesignationAssessor().Assess(inventory, AsOf))));

        var agencies = inventory.Positions.Select(p => p.Agency).Distinct().ToList();
        var memo = new DateOnly(2025, 2, 5);
        var due = new DateOnly(2025, 3, 24);
        List<DesignationReport> reports = null!;
        List<AllocationReviewResult> allocations = null!;
        steps.Add(("build designation reports per agency", Time(() =>
            reports = agencies.Select(a => DesignationReportBuilder.Build(a, inventory, assessments, [], memo, due)).ToList())));
        var calculator = new AllocationCalculator();
        steps.Add(("assess allocation review per agency", Time(() =>
            allocations = agencies.Select(a => calculator.Review(inventory, a, AsOf, [])).ToList())));

        steps.Add(($"export {agencies.Count} OPM designation reports", Time(() =>
        {
            foreach (var report in reports)
            {
                DesignationReportWriter.Write(report, Stream.Null);
            }
        })));
        steps.Add(($"export {agencies.Count} allocation workbooks", Time(() =>
        {
            foreach (var allocation in allocations)
            {
                AllocationWorkbookWriter.Write(allocation, Stream.Null);
            }
        })));
        return steps;
    }

    private static void ScanXml(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = XmlReader.Create(entry.Open());
            while (reader.Read())
            {
            }
        }
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
