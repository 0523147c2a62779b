using System.Globalization;

namespace SesReview.Cli;

/// <summary>
/// Command-line entry: runs both reviews on an inventory without the host. Exit codes: 0 done,
/// 1 the inventory has errors (all listed, nothing written), 2 bad arguments.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          ses-review demo     [--positions N] [--seed S] [--agency NAME] [--as-of YYYY-MM-DD] [--out DIR]
              Generates a seeded sample inventory, saves it as an inventory workbook, imports it back,
              assesses both reviews and writes the OPM report and the adjustment workbook to DIR.
          ses-review assess   <inventory.xlsx | folder of CSVs | plum.csv> [--agency NAME] [--as-of YYYY-MM-DD]
                              [--known-general-as-of YYYY-MM-DD] [--out DIR]
              Imports an inventory (template workbook, the same tables as CSVs, or OPM's PLUM export),
              lists every error by file, row and column, or assesses both reviews and writes the workbooks.
          ses-review template [--out DIR]
              Writes the blank inventory template the CHCO fills in.
        Defaults: --out out, --as-of today, --positions 1500, --seed 1.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var parsed = Arguments.Parse(args);
            var runner = new ReviewRunner(stdout, TimeProvider.System);
            var exit = parsed.Command switch
            {
                "demo" => runner.Demo(parsed),
                "assess" => runner.Assess(parsed),
                "template" => runner.Template(parsed),
                _ => throw new ArgumentException($"Unknown command '{parsed.Command}'."),
            };
            return Task.FromResult(exit);
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine(ex.Message);
            stderr.WriteLine();
            stderr.WriteLine(Usage);
            return Task.FromResult(2);
        }
    }

    internal static DateOnly ParseDate(string option, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"Option {option}: '{value}' is not a date in the form YYYY-MM-DD.");
}
