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
                              [--known-general-as-of YYYY-MM-DD] [--snapshot-date YYYY-MM-DD] [--out DIR]
              Imports an inventory (template workbook, the same tables as CSVs, or OPM's PLUM export),
              lists every error by file, row and column, or assesses both reviews and writes the workbooks.
              PLUM only: --known-general-as-of (default --as-of) is the date its ES positions are known
              General; incumbents without a start date serve since --snapshot-date (default: the
              known-General date, as in the host). An --agency that matches no row is an error.
          ses-review template [--out DIR]
              Writes the blank inventory template the CHCO fills in.
          ses-review --help
              Prints this text.
        Defaults: --out out, --as-of today, --positions 1500, --seed 1.
        Exit codes: 0 done, 1 the inventory has errors (nothing written), 2 bad arguments.
        """;

    private static readonly HashSet<string> HelpWords = new(StringComparer.OrdinalIgnoreCase) { "--help", "-h", "-?", "help", "/?" };

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && HelpWords.Contains(args[0]) || args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(Usage);
            return Task.FromResult(0);
        }
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
