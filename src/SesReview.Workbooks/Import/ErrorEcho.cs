namespace SesReview.Workbooks.Import;

/// <summary>
/// Shortens what errors echo back from a file (values, names, headers), so a 20-million-character cell gives a
/// short message, not a copy of itself.
/// </summary>
public static class ErrorEcho
{
    /// <summary>Most characters of a file's text an error repeats; longer text is cut and ends with "…".</summary>
    public const int MaxEchoedChars = 100;

    /// <summary>Most characters of an error message (a backstop: messages quote values already shortened).</summary>
    public const int MaxMessageChars = 1_000;

    public static string Shorten(string text) => Cut(text, MaxEchoedChars);

    public static string? ShortenOrNull(string? text) => text is null ? null : Cut(text, MaxEchoedChars);

    public static string ShortenMessage(string message) => Cut(message, MaxMessageChars);

    internal static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
