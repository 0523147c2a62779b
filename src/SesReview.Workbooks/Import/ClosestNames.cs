namespace SesReview.Workbooks.Import;

/// <summary>The names nearest to a typed one (case-insensitive edit distance), to suggest when a name matches nothing.</summary>
internal static class ClosestNames
{
    public static IReadOnlyList<string> Of(string typed, IEnumerable<string> names, int count) =>
        [.. names.Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => Distance(typed.ToUpperInvariant(), n.ToUpperInvariant()))
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(count)];

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
