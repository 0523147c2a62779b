namespace SesReview.Domain.Settings;

/// <summary>
/// Business days and close of business. Bound from configuration section <see cref="SectionName"/>.
/// Federal holidays (5 U.S.C. 6103) are rules in <see cref="Calendar.FederalHolidays"/>; closures by
/// executive order are data and go in <see cref="ExtraClosures"/>.
/// </summary>
public sealed class CalendarOptions
{
    public const string SectionName = "SesReview:Calendar";

    /// <summary>IANA (or Windows) time zone id of the agency; "close of business" is local time there.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";

    /// <summary>Local time of close of business. Default 17:00.</summary>
    public TimeOnly CloseOfBusiness { get; set; } = new(17, 0);

    /// <summary>Days the government is closed besides federal holidays, e.g. 2025-12-24 and 2025-12-26. Default none.</summary>
    public List<DateOnly> ExtraClosures { get; set; } = [];

    /// <summary>
    /// A deadline that falls on a weekend, federal holiday or extra closure moves to the next business day
    /// (OPM moved the 2025-03-22 designation deadline to Monday 2025-03-24). Default on.
    /// </summary>
    public bool RollDeadlinesForward { get; set; } = true;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(!string.IsNullOrWhiteSpace(TimeZoneId), SectionName, nameof(TimeZoneId), "must name a time zone, e.g. America/New_York.");
        OptionsValidation.Require(TryFindTimeZone(TimeZoneId, out _), SectionName, nameof(TimeZoneId), $"time zone '{TimeZoneId}' is not known on this machine.");
        OptionsValidation.Require(ExtraClosures is not null, SectionName, nameof(ExtraClosures), "must be a list (may be empty).");
    }

    internal static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
