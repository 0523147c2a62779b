using System.Security.Cryptography;

namespace SesReview.Workflows.Inventory;

internal static class UploadIds
{
    /// <summary>
    /// A new id for every upload, even of the same bytes in the same millisecond (the stored parse options may differ):
    /// the UTC time to the millisecond, so ids sort by upload time, then 16 random hex digits. Digits, '-' and
    /// lower-case hex only, so it is a valid table key and URL segment as it is.
    /// </summary>
    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}";
}
