namespace SesReview.Domain.Calendar;

/// <summary>
/// An instant together with the agency's time zone, so every page, email and workbook that shows it reads the same
/// local time with the zone named (<see cref="AgencyTime.Format"/>).
/// </summary>
public readonly record struct AgencyInstant(DateTimeOffset At, TimeZoneInfo Zone)
{
    public override string ToString() => AgencyTime.Format(At, Zone);
}
