using System.Diagnostics;
using SesReview.Domain.AllocationReview;
using SesReview.Domain.Calendar;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Domain.Settings;
using SesReview.Workbooks.Export;
using SesReview.Workbooks.Import;

namespace SesReview.Cli;

/// <summary>Runs the commands: import, assess both reviews, write the workbooks, and say what happened.</summary>
public sealed class ReviewRunner(TextWriter output, TimeProvider time)
{
    private static readonly DesignationReviewOptions DesignationOptions = new();
    private readonly ReviewDeadlines _deadlines =
        new(BusinessCalendar.Default, DesignationOptions, new AllocationReviewOptions());

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public int Template(Arguments args)
    {
        var outDir = PrepareOutput(args);
        var path = Path.Combine(outDir, "inventory-template.xlsx");
        using (var file = File.Create(path))
        {
            InventoryWorkbookWriter.WriteTemplate(file);
        }
        output.WriteLine($"Wrote the inventory template: {path}");
        return 0;
    }

    public int Demo(Arguments args)
    {
        var positions = args.GetInt("--positions", 1_500, 1, 200_000);
        var seed = args.GetInt("--seed", 1, 0, int.MaxValue);
        var agency = args.GetOr("--agency", "DEPARTMENT OF EXAMPLE");
        var outDir = PrepareOutput(args);

        output.WriteLine($"Generating a sample inventory of {positions:N0} positions (seed {seed}) for {agency}...");
        var generated = InventoryGenerator.Generate(positions, seed, agency);
        var inventoryPath = Path.Combine(outDir, "sample-inventory.xlsx");
        using (var file = File.Create(inventoryPath))
        {
            InventoryWorkbookWriter.Write(generated, file);
        }
        output.WriteLine($"Saved it as an inventory workbook: {inventoryPath}");

        var imported = new InventoryWorkbookImporter().Import(inventoryPath);
        return Review(imported, inventoryPath, agency, args.GetDate("--as-of", Today), outDir);
    }

    public int Assess(Arguments args)
    {
        if (args.Positional.Count != 1)
        {
            throw new ArgumentException("assess needs exactly one input: an .xlsx workbook, a folder of CSVs or a PLUM .csv.");
        }
        var input = args.Positional[0];
        var outDir = PrepareOutput(args);
        var asOf = args.GetDate("--as-of", Today);
        var imported = Import(input, args, asOf);
        if (!imported.Succeeded)
        {
            return Review(imported, input, agency: "", asOf, outDir);
        }
        var agency = args.Get("--agency") ?? SingleAgency(imported.Value!);
        var isPlum = !Directory.Exists(input) && input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        return Review(imported, input, agency, asOf, outDir, allocationsKnown: !isPlum);
    }

    private ImportResult<PositionInventory> Import(string input, Arguments args, DateOnly asOf)
    {
        if (Directory.Exists(input))
        {
            return new InventoryCsvImporter().ImportFolder(input);
        }
        if (!File.Exists(input))
        {
            throw new ArgumentException($"Input '{input}' is neither a file nor a folder.");
        }
        if (!input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return new InventoryWorkbookImporter().Import(input);
        }
        var plum = new PlumCsvImporter(new PlumImportOptions
        {
            KnownGeneralAsOf = args.GetDate("--known-general-as-of", asOf),
            // Left to the importer's default unless given, as the host does: one file, one answer.
            SnapshotDate = args.Get("--snapshot-date") is { } snapshot ? ParseDate("--snapshot-date", snapshot) : null,
            Agency = args.Get("--agency"),
        }).Import(input);
        if (plum.Value is { } value)
        {
            var s = value.Summary;
            output.WriteLine($"PLUM export: {s.RowsRead:N0} rows read, {s.RowsSkipped:N0} skipped (not ES/SL/ST or another agency).");
            foreach (var note in s.Notes) output.WriteLine($"  {note}");
            return ImportResult<PositionInventory>.Success(value.Inventory);
        }
        return ImportResult<PositionInventory>.Failure(plum.Errors, plum.TotalErrorCount);
    }

    /// <param name="allocationsKnown">False for a PLUM export: it has no allocation counts, so no allocation review is
    /// made from it (counting positions as allocations would report every component as fully staffed).</param>
    private int Review(ImportResult<PositionInventory> imported, string source, string agency, DateOnly asOf, string outDir, bool allocationsKnown = true)
    {
        if (!imported.Succeeded)
        {
            output.WriteLine($"{source} has {imported.TotalErrorCount} error(s); nothing was assessed or saved" +
                (imported.TotalErrorCount > imported.Errors.Count ? $" (the first {imported.Errors.Count} follow):" : ":"));
            foreach (var error in imported.Errors)
            {
                output.WriteLine($"  {error}");
            }
            return 1;
        }

        var inventory = imported.Value!;
        var watch = Stopwatch.StartNew();
        var assessments = new DesignationAssessor().Assess(inventory, asOf);
        var report = DesignationReportBuilder.Build(
            agency, inventory, assessments, [], DesignationOptions.MemoDate, _deadlines.DesignationDueDate);
        var allocation = new AllocationCalculator().Review(inventory, agency, asOf, []);
        watch.Stop();

        var reportPath = Path.Combine(outDir, "designation-review-report.xlsx");
        using (var file = File.Create(reportPath))
        {
            DesignationReportWriter.Write(report, file);
        }
        var allocationPath = Path.Combine(outDir, "allocation-adjustment-workbook.xlsx");
        if (allocationsKnown)
        {
            using var file = File.Create(allocationPath);
            AllocationWorkbookWriter.Write(allocation, file);
        }

        var entries = report.Entries;
        output.WriteLine($"Imported {inventory.Positions.Count:N0} positions; assessed both reviews as of {asOf:yyyy-MM-dd} in {watch.ElapsedMilliseconds} ms.");
        output.WriteLine();
        output.WriteLine($"Designation review ({agency}), due {_deadlines.DesignationDueAt:yyyy-MM-dd HH:mm zzz}:");
        output.WriteLine($"  ES positions reviewed:            {report.PositionsReviewed,6:N0}");
        output.WriteLine($"  identified (reported to OPM):     {entries.Count,6:N0}");
        output.WriteLine($"    General on 2021-01-19 (a):      {entries.Count(e => e.Assessment.GeneralOnCutoffDate),6:N0}");
        output.WriteLine($"    majority noncareer (b):         {entries.Count(e => e.Assessment.MajorityNoncareer),6:N0}");
        output.WriteLine($"  to revert to General (decision):  {entries.Count(e => e.Assessment.NeedsDecision),6:N0}");
        output.WriteLine($"  flags for the CHCO:               {assessments.Sum(a => a.Flags.Count),6:N0}");
        output.WriteLine();
        output.WriteLine($"Allocation review, due {_deadlines.AllocationDueAt:yyyy-MM-dd HH:mm zzz}:");
        if (!allocationsKnown)
        {
            output.WriteLine($"  not assessed: {PlumImportNotes.AllocationLimit}");
            output.WriteLine();
            output.WriteLine($"Wrote {reportPath}");
            return 0;
        }
        foreach (var plan in allocation.Lines.GroupBy(l => l.PayPlan).OrderBy(g => g.Key))
        {
            var allocated = plan.Sum(l => l.Allocated);
            var vacant = plan.Sum(l => l.Vacant);
            output.WriteLine($"  {plan.Key}: {plan.Count(),3} components, {allocated,6:N0} allocated, {plan.Sum(l => l.Filled),6:N0} filled, {vacant,5:N0} vacant ({AllocationCalculator.VacancyRate(vacant, allocated):P1}); {plan.Sum(l => l.Warnings.Count)} line warnings");
        }
        foreach (var warning in allocation.AgencyWarnings)
        {
            output.WriteLine($"  warning: {warning}");
        }
        output.WriteLine();
        output.WriteLine($"Wrote {reportPath}");
        output.WriteLine($"Wrote {allocationPath}");
        return 0;
    }

    private static DateOnly ParseDate(string option, string text) => CommandLine.ParseDate(option, text);

    private static string SingleAgency(PositionInventory inventory)
    {
        var agencies = inventory.Positions.Select(p => p.Agency).Distinct(StringComparer.Ordinal).ToList();
        return agencies.Count == 1
            ? agencies[0]
            : throw new ArgumentException(
                $"The inventory holds {agencies.Count} agencies; choose one with --agency (e.g. --agency \"{agencies.FirstOrDefault()}\").");
    }

    private static string PrepareOutput(Arguments args)
    {
        var outDir = Path.GetFullPath(args.GetOr("--out", "out"));
        Directory.CreateDirectory(outDir);
        return outDir;
    }
}
