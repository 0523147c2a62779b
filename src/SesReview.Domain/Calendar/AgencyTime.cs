using System.Globalization;

namespace SesReview.Domain.Calendar;

/// <summary>An instant as the agency reads it: local date and time with the time zone named ("2026-12-10 14:05 Eastern Standard Time").</summary>
public static class AgencyTime
{
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {name}";
    }
}
