using System.Text;

namespace Bench.PreviousPlumMatcher;

/// <summary>
/// The benchmark's baseline: <c>MatchKeys</c> as it stood at commit ee56034, before the speed work.
/// Normalized keys for matching names written differently in the inventory and in PLUM: upper case, "&amp;" as AND,
/// punctuation as spaces, a few common abbreviations spelled out, and the filler words THE, OF, FOR and AND dropped.
/// So "Asst. Sec'y for Policy &amp; Planning" and "ASSISTANT SECRETARY POLICY AND PLANNING" give the same key.
/// </summary>
public static class PreviousMatchKeys
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["ASST"] = "ASSISTANT", ["ASSOC"] = "ASSOCIATE", ["DEP"] = "DEPUTY", ["DPTY"] = "DEPUTY", ["DIR"] = "DIRECTOR",
        ["SEC"] = "SECRETARY", ["SECY"] = "SECRETARY", ["OFC"] = "OFFICE", ["ADMIN"] = "ADMINISTRATOR", ["MGMT"] = "MANAGEMENT",
        ["GEN"] = "GENERAL", ["CHF"] = "CHIEF", ["SR"] = "SENIOR", ["SPEC"] = "SPECIALIST", ["SUPV"] = "SUPERVISORY",
        ["DEPT"] = "DEPARTMENT", ["ADV"] = "ADVISOR", ["ADVISER"] = "ADVISOR",
    };

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "THE", "OF", "FOR", "AND", "TO", "ON", "IN" };

    /// <summary>The key of an organization or a title.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var words = Words(value.Replace("&amp;", " AND ", StringComparison.OrdinalIgnoreCase).Replace("'", "", StringComparison.Ordinal));
        var key = new StringBuilder(value.Length);
        foreach (var word in words)
        {
            var w = Abbreviations.GetValueOrDefault(word, word);
            if (Filler.Contains(w)) continue;
            if (key.Length > 0) key.Append(' ');
            key.Append(w);
        }
        return key.ToString();
    }

    /// <summary>
    /// The key of a person's name: last name and first initial, so "Doe, Jane", "JANE DOE" and "Jane Q. Doe" agree.
    /// Empty when no name is given.
    /// </summary>
    public static string Person(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        string last, first;
        var comma = name.IndexOf(',');
        if (comma >= 0)
        {
            last = string.Join(' ', Words(name[..comma]));
            first = Words(name[(comma + 1)..]).FirstOrDefault() ?? "";
        }
        else
        {
            var words = Words(name).Where(w => w is not ("JR" or "SR" or "II" or "III" or "IV")).ToList();
            if (words.Count == 0) return "";
            last = words[^1];
            first = words.Count > 1 ? words[0] : "";
        }
        return first.Length == 0 ? last : $"{last} {first[0]}";
    }

    private static List<string> Words(string value)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c)) current.Append(char.ToUpperInvariant(c));
            else if (c == '&') { Flush(); words.Add("AND"); }
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length == 0) return;
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
