using System.Text;

namespace SesReview.Storage;

/// <summary>Azure table keys may not contain '/', '\', '#', '?' or control characters.</summary>
public static class StorageKeys
{
    /// <summary>Percent-encodes the forbidden characters (and '%') so any text becomes a valid, reversible key.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) builder.Append('%').Append(((int)c).ToString("X2"));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A row key that sorts by time: 19-digit UTC ticks, then a suffix that makes it unique.</summary>
    public static string Chronological(DateTimeOffset at, string suffix) => $"{at.UtcTicks:D19}-{suffix}";
}
