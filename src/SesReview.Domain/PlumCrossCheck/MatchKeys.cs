using System.Text;

namespace SesReview.Domain.PlumCrossCheck;

/// <summary>
/// Normalized keys for matching names written differently in the inventory and in PLUM: upper case, "&amp;" as AND,
/// punctuation as spaces, a few common abbreviations spelled out, and the filler words THE, OF, FOR and AND dropped.
/// So "Asst. Sec'y for Policy &amp; Planning" and "ASSISTANT SECRETARY POLICY AND PLANNING" give the same key.
/// Each key is built in one pass over the characters, without a string per word (the cross-check normalizes tens of
/// thousands of texts).
/// </summary>
public static class MatchKeys
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["ASST"] = "ASSISTANT", ["ASSOC"] = "ASSOCIATE", ["DEP"] = "DEPUTY", ["DPTY"] = "DEPUTY", ["DIR"] = "DIRECTOR",
        ["SEC"] = "SECRETARY", ["SECY"] = "SECRETARY", ["OFC"] = "OFFICE", ["ADMIN"] = "ADMINISTRATOR", ["MGMT"] = "MANAGEMENT",
        ["GEN"] = "GENERAL", ["CHF"] = "CHIEF", ["SR"] = "SENIOR", ["SPEC"] = "SPECIALIST", ["SUPV"] = "SUPERVISORY",
        ["DEPT"] = "DEPARTMENT", ["ADV"] = "ADVISOR", ["ADVISER"] = "ADVISOR",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationOf = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "THE", "OF", "FOR", "AND", "TO", "ON", "IN" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IsFiller = Filler.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Name suffixes left out of a name written "First Last".</summary>
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "JR", "SR", "II", "III", "IV" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IsSuffix = Suffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The key of an organization or a title.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var key = new StringBuilder(value.Length + 8);
        Span<char> word = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsLetterOrDigit(c)) word[length++] = char.ToUpperInvariant(c);
            else if (c == '\'') continue; // "Sec'y" is one word
            else if (c == '&')
            {
                AddWord(key, word[..length]);
                length = 0;
                AddWord(key, "AND");
                if (value.AsSpan(i).StartsWith("&amp;", StringComparison.OrdinalIgnoreCase)) i += 4;
            }
            else
            {
                AddWord(key, word[..length]);
                length = 0;
            }
        }
        AddWord(key, word[..length]);
        return key.ToString();
    }

    private static void AddWord(StringBuilder key, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return;
        var spelled = AbbreviationOf.TryGetValue(word, out var full) ? full.AsSpan() : word;
        if (IsFiller.Contains(spelled)) return;
        if (key.Length > 0) key.Append(' ');
        key.Append(spelled);
    }

    /// <summary>
    /// The key of a person's name: last name and first initial, so "Doe, Jane", "JANE DOE" and "Jane Q. Doe" agree.
    /// Empty when no name is given.
    /// </summary>
    public static string Person(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        // Room for every character as a letter, or as the three letters of AND.
        Span<char> upper = name.Length <= 85 ? stackalloc char[name.Length * 3] : new char[name.Length * 3];
        var comma = name.IndexOf(',');
        if (comma >= 0)
        {
            // "Last, First …": every word before the comma is the last name; the first word after it gives the initial.
            var last = new StringBuilder(comma + 2);
            var words = new WordReader(name.AsSpan(0, comma), upper);
            while (words.Next(out var w))
            {
                if (last.Length > 0) last.Append(' ');
                last.Append(w);
            }
            var after = new WordReader(name.AsSpan(comma + 1), upper);
            if (after.Next(out var first)) last.Append(' ').Append(first[0]);
            return last.ToString();
        }
        // "First … Last [suffix]": the last word that is not a suffix, and the initial of the first such word when there are two or more.
        var reader = new WordReader(name, upper);
        int count = 0, lastStart = 0, lastLength = 0;
        char initial = '\0';
        while (reader.Next(out var w))
        {
            if (IsSuffix.Contains(w)) continue;
            var start = reader.WordStart;
            if (count++ == 0) initial = w[0];
            lastStart = start;
            lastLength = w.Length;
        }
        if (count == 0) return "";
        var lastName = upper.Slice(lastStart, lastLength);
        return count == 1 ? new string(lastName) : string.Concat(lastName, " ", new ReadOnlySpan<char>(in initial));
    }

    /// <summary>
    /// The words of a name as <see cref="Text"/> reads them (letters and digits, upper case; '&amp;' is the word AND; anything
    /// else separates), written into a buffer the caller owns so no word allocates.
    /// </summary>
    private ref struct WordReader(ReadOnlySpan<char> text, Span<char> buffer)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly Span<char> _buffer = buffer;
        private int _position;
        private int _written;

        /// <summary>Where the last word read starts in the buffer.</summary>
        public int WordStart { get; private set; }

        public bool Next(out ReadOnlySpan<char> word)
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (char.IsLetterOrDigit(c)) break;
                _position++;
                if (c == '&')
                {
                    WordStart = _written;
                    "AND".CopyTo(_buffer[_written..]);
                    _written += 3;
                    word = _buffer.Slice(WordStart, 3);
                    return true;
                }
            }
            if (_position >= _text.Length)
            {
                word = default;
                return false;
            }
            WordStart = _written;
            while (_position < _text.Length && char.IsLetterOrDigit(_text[_position])) _buffer[_written++] = char.ToUpperInvariant(_text[_position++]);
            word = _buffer[WordStart.._written];
            return true;
        }
    }
}
