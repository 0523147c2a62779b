using System.Text;

namespace SesReview.Workbooks.Xlsx;

/// <summary>
/// Formula-injection neutralisation, used by every writer for every text cell, and its inverse used by the
/// inventory importers.
/// </summary>
/// <remarks>
/// Choice: a text value whose first character is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return
/// is written with an apostrophe (<c>'</c>) prepended to the stored text. The apostrophe travels with the value
/// when a reviewer copies the cell or saves the sheet as CSV, so no later tool evaluates it as a formula.
/// To keep the mapping reversible, a value that already starts with one or more apostrophes followed by one of
/// those characters also gets one more apostrophe. <see cref="Restore"/> removes exactly that one apostrophe,
/// so <c>Restore(Neutralise(s)) == s</c> for every string and import of an export is exact.
/// Characters that XML 1.0 cannot carry (control characters other than tab, LF, CR; lone surrogates) are
/// replaced with U+FFFD, because the file could not be written otherwise; such values do not round-trip.
/// </remarks>
public static class CellText
{
    public const char QuotePrefix = '\'';

    /// <summary>True when <paramref name="value"/> must be written with the quote prefix.</summary>
    public static bool NeedsPrefix(string value)
    {
        var i = 0;
        while (i < value.Length && value[i] == QuotePrefix) i++;
        return i < value.Length && IsTrigger(value[i]);
    }

    /// <summary>The text to store in a cell for <paramref name="value"/>.</summary>
    public static string Neutralise(string value)
    {
        var safe = ReplaceInvalidXmlChars(value);
        return NeedsPrefix(safe) ? QuotePrefix + safe : safe;
    }

    /// <summary>The original value of a cell text written by <see cref="Neutralise"/>; other text is returned unchanged.</summary>
    public static string Restore(string stored) =>
        stored.Length > 1 && stored[0] == QuotePrefix && NeedsPrefix(stored.AsSpan(1).ToString()) ? stored[1..] : stored;

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string ReplaceInvalidXmlChars(string value)
    {
        var firstBad = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (!IsValidAt(value, i)) { firstBad = i; break; }
            if (char.IsHighSurrogate(value[i])) i++;
        }
        if (firstBad < 0) return value;

        var sb = new StringBuilder(value.Length);
        sb.Append(value, 0, firstBad);
        for (var i = firstBad; i < value.Length; i++)
        {
            if (!IsValidAt(value, i)) { sb.Append('\uFFFD'); continue; }
            sb.Append(value[i]);
            if (char.IsHighSurrogate(value[i])) sb.Append(value[++i]);
        }
        return sb.ToString();
    }

    private static bool IsValidAt(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c)) return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return false;
        return c >= 0x20 ? c != '\uFFFE' && c != '\uFFFF' : c is '\t' or '\n' or '\r';
    }
}
