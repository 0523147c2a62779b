using System.Globalization;

namespace SesReview.Domain.Calendar;

/// <summary>
/// An instant as the agency reads it: local date and time with the time zone named by its id and offset
/// ("2026-12-10 14:05 America/New_York (UTC-05:00)"); ids read the same on every machine, display names do not.
/// </summary>
public static class AgencyTime
{
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }
}
