using System.Security.Cryptography;
using System.Text;

namespace SesReview.Notifications.Storage;

/// <summary>
/// Turns cycle ids and message keys into valid Azure Table keys. Reversible escaping of the characters a key may not
/// hold (<c>/ \ # ?</c>, control characters) and of the escape character itself: <c>task/a@b.gov/initial</c> becomes
/// <c>task~2Fa@b.gov~2Finitial</c>. Distinct inputs stay distinct; a result longer than 255 characters is cut and
/// suffixed with a SHA-256 of the input so it stays unique within the 1 KiB key limit. The original strings are
/// stored beside the keys.
/// </summary>
public static class TableKeys
{
    private const int MaxLength = 255;

    public static string Sanitize(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '~' or '\'' || char.IsControl(c))
                sb.Append('~').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        if (sb.Length <= MaxLength) return sb.ToString();
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return sb.ToString(0, MaxLength - hash.Length - 1) + "~" + hash;
    }
}
