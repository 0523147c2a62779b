using System.Globalization;

namespace SesReview.Cli;

/// <summary>Parsed command line: a command, positional values and --name value options.</summary>
public sealed class Arguments
{
    private static readonly HashSet<string> KnownOptions =
        ["--positions", "--seed", "--agency", "--as-of", "--out", "--known-general-as-of", "--snapshot-date"];

    private readonly Dictionary<string, string> _options;

    private Arguments(string command, IReadOnlyList<string> positional, Dictionary<string, string> options)
    {
        Command = command;
        Positional = positional;
        _options = options;
    }

    public string Command { get; }
    public IReadOnlyList<string> Positional { get; }

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("No command given.");
        }
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            if (!KnownOptions.Contains(arg))
            {
                throw new ArgumentException($"Unknown option '{arg}'.");
            }
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {arg} needs a value.");
            }
            options[arg] = args[++i];
        }
        return new Arguments(args[0], positional, options);
    }

    public string? Get(string option) => _options.GetValueOrDefault(option);

    public string GetOr(string option, string fallback) => Get(option) ?? fallback;

    public int GetInt(string option, int fallback, int min, int max)
    {
        var text = Get(option);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"Option {option}: '{text}' must be a whole number from {min} to {max}.");
        }
        return value;
    }

    public DateOnly GetDate(string option, DateOnly fallback) =>
        Get(option) is { } text ? CommandLine.ParseDate(option, text) : fallback;
}
