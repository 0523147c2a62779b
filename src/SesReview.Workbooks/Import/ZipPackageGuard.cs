using System.Buffers.Binary;
using System.IO.Compression;

namespace SesReview.Workbooks.Import;

/// <summary>
/// Checks a workbook's ZIP structure before the Open XML SDK opens it: the number of entries (read from the end of
/// central directory record, before any entry is listed), each entry's declared uncompressed size, and the actual
/// size of the structure parts the SDK loads whole. Worksheets and shared strings are counted later, while they
/// are streamed (<see cref="CountingReadStream"/>).
/// </summary>
internal static class ZipPackageGuard
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const int EndOfCentralDirectoryLength = 22;

    /// <summary>The first limit the package exceeds, or null; leaves the stream at its start.</summary>
    public static ImportError? Check(Stream seekable, string fileName, ImportOptions limits)
    {
        try
        {
            var entries = DeclaredEntryCount(seekable);
            if (entries is null || entries > limits.MaxZipEntries)
            {
                return Error(fileName, $"The workbook's ZIP package has more than {limits.MaxZipEntries:N0} entries (setting MaxZipEntries); it was not read.");
            }

            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                return Error(fileName, $"The workbook's ZIP package has more than {limits.MaxZipEntries:N0} entries (setting MaxZipEntries); it was not read.");
            }
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > limits.MaxPartBytes) return PartTooLarge(fileName, entry.FullName, limits);
            }

            var structureBytes = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries.Where(IsStructure))
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    structureBytes += read;
                    if (structureBytes > limits.MaxStructureBytes)
                    {
                        return Error(fileName, $"The workbook's structure parts (content types, relationships, workbook.xml) are larger than " +
                            $"{ImportOptions.Bytes(limits.MaxStructureBytes)} when uncompressed (setting MaxStructureBytes); it was not read.");
                    }
                }
            }
            return null;
        }
        finally
        {
            seekable.Position = 0;
        }
    }

    public static ImportError PartTooLarge(string fileName, string part, ImportOptions limits) =>
        Error(fileName, $"The workbook's part {ErrorEcho.Shorten(part)} is larger than {ImportOptions.Bytes(limits.MaxPartBytes)} " +
            "when uncompressed (setting MaxPartBytes); it was not read.");

    /// <summary>The parts the SDK parses into a document object model when it opens a package.</summary>
    private static bool IsStructure(ZipArchiveEntry entry) =>
        entry.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) ||
        entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) ||
        entry.FullName.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The entry count of the end of central directory record; null when it cannot be found or says "see Zip64"
    /// (0xFFFF, more entries than any workbook needs). Finding it costs at most the last 64 KB of the file.
    /// </summary>
    private static int? DeclaredEntryCount(Stream seekable)
    {
        var tail = (int)Math.Min(seekable.Length, ushort.MaxValue + EndOfCentralDirectoryLength);
        var bytes = new byte[tail];
        seekable.Position = seekable.Length - tail;
        seekable.ReadExactly(bytes);
        for (var i = tail - EndOfCentralDirectoryLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) != EndOfCentralDirectorySignature) continue;
            var total = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 10));
            return total == ushort.MaxValue ? null : total;
        }
        return null;
    }

    private static ImportError Error(string fileName, string message) => new(fileName, null, null, null, null, message);
}
