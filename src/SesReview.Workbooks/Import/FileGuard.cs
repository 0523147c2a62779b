using System.Text;

namespace SesReview.Workbooks.Import;

/// <summary>Size and format checks done before any parsing, so a wrong or huge file gives an error, not an exception.</summary>
internal static class FileGuard
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public enum Kind { Empty, Zip, OleCompound, Text, Binary }

    /// <summary>
    /// Returns a seekable stream positioned at the start of the content, or an error when the content is
    /// larger than <paramref name="maxBytes"/>. A non-seekable stream is copied, reading at most maxBytes + 1.
    /// </summary>
    public static Stream? OpenBounded(Stream input, string fileName, long maxBytes, List<ImportError> errors)
    {
        if (input.CanSeek)
        {
            var length = input.Length - input.Position;
            if (length > maxBytes)
            {
                errors.Add(TooLarge(fileName, length, maxBytes));
                return null;
            }
            return input;
        }

        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > maxBytes)
            {
                errors.Add(TooLarge(fileName, null, maxBytes));
                return null;
            }
        }
        copy.Position = 0;
        return copy;
    }

    public static ImportError TooLarge(string fileName, long? length, long maxBytes) => new(fileName, null, null, null, null,
        (length is null ? "The file is larger than " : $"The file is {length.Value:N0} bytes, larger than ")
        + $"the limit of {maxBytes:N0} bytes (setting MaxFileBytes); it was not read.");

    /// <summary>Classifies the content by its first bytes and leaves the stream position unchanged.</summary>
    public static Kind Sniff(Stream seekable)
    {
        var start = seekable.Position;
        var head = new byte[4096];
        var n = 0;
        int read;
        while (n < head.Length && (read = seekable.Read(head, n, head.Length - n)) > 0) n += read;
        seekable.Position = start;

        if (n == 0) return Kind.Empty;
        var span = head.AsSpan(0, n);
        if (span.StartsWith(ZipSignature)) return Kind.Zip;
        if (span.StartsWith(OleSignature)) return Kind.OleCompound;
        return LooksLikeText(span) ? Kind.Text : Kind.Binary;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0)) return false; // UTF-16 text or binary; the importers expect UTF-8
        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C) control++;
        }
        if (control > head.Length / 100) return false;
        // Accept UTF-8, allowing for a multi-byte character cut at the end of the sample.
        var utf8 = new UTF8Encoding(false, true);
        for (var cut = 0; cut < 4 && cut < head.Length; cut++)
        {
            try { utf8.GetCharCount(head[..^cut]); return true; }
            catch (DecoderFallbackException) { }
        }
        return false;
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Empty => "the file is empty",
        Kind.Zip => "it is a ZIP package (an .xlsx workbook or another Office file)",
        Kind.OleCompound => "it is an Excel 97-2003 (.xls) or other legacy Office file",
        Kind.Text => "it is plain text (for example CSV)",
        _ => "it is neither a workbook nor UTF-8 text",
    };
}
