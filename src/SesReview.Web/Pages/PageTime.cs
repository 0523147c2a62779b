using SesReview.Domain.Calendar;

namespace SesReview.Web.Pages;

/// <summary>
/// Moments on pages read in the agency's time zone with the zone named (<see cref="AgencyTime.Format"/>, as in the emails and
/// the allocation workbook), from the configured business calendar (<c>Calendar:TimeZoneId</c>).
/// </summary>
internal static class PageTime
{
    public static TimeZoneInfo Zone(HttpContext context) => context.RequestServices.GetService<BusinessCalendar>()?.TimeZone ?? TimeZoneInfo.Utc;

    public static string Format(DateTimeOffset? at, TimeZoneInfo zone) => at is { } t ? AgencyTime.Format(t, zone) : "—";
}
