using System.Collections.Concurrent;
using SesReview.Domain.Settings;

namespace SesReview.Domain.Calendar;

/// <summary>
/// Federal business days: Monday–Friday except observed federal holidays and the configured extra closures.
/// Immutable after construction and safe to share between threads.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DateOnly> _extraClosures;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidaysByYear = new();
    private readonly TimeOnly _closeOfBusiness;

    /// <exception cref="OptionsValidationException">The options are invalid (e.g. unknown time zone).</exception>
    public BusinessCalendar(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CalendarOptions.TryFindTimeZone(options.TimeZoneId, out var zone);
        TimeZone = zone;
        _closeOfBusiness = options.CloseOfBusiness;
        RollsDeadlinesForward = options.RollDeadlinesForward;
        _extraClosures = [.. options.ExtraClosures];
    }

    /// <summary>A calendar with default settings (America/New_York, 17:00, no extra closures, roll forward on).</summary>
    public static BusinessCalendar Default { get; } = new(new CalendarOptions());

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether deadlines on a closed day move to the next business day (setting).</summary>
    public bool RollsDeadlinesForward { get; }

    public bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsObservedHoliday(DateOnly date) =>
        _holidaysByYear.GetOrAdd(date.Year, static y => [.. FederalHolidays.ObservedDatesIn(y)]).Contains(date);

    public bool IsExtraClosure(DateOnly date) => _extraClosures.Contains(date);

    public bool IsBusinessDay(DateOnly date) => !IsWeekend(date) && !IsObservedHoliday(date) && !IsExtraClosure(date);

    /// <summary><paramref name="date"/> itself when it is a business day, otherwise the next one.</summary>
    public DateOnly NextBusinessDayOnOrAfter(DateOnly date)
    {
        while (!IsBusinessDay(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }

    /// <summary><paramref name="date"/> itself when it is a business day, otherwise the previous one.</summary>
    public DateOnly PreviousBusinessDayOnOrBefore(DateOnly date)
    {
        while (!IsBusinessDay(date))
        {
            date = date.AddDays(-1);
        }
        return date;
    }

    /// <summary>
    /// Steps <paramref name="businessDays"/> business days from <paramref name="date"/> (the start day itself is
    /// not counted): forward when positive, backward when negative ("3 business days before the due date").
    /// Zero returns <paramref name="date"/> unchanged. The result is always a business day when n ≠ 0.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly date, int businessDays)
    {
        var step = Math.Sign(businessDays);
        var remaining = Math.Abs(businessDays);
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsBusinessDay(date))
            {
                remaining--;
            }
        }
        return date;
    }

    /// <summary>Business days strictly after <paramref name="from"/> up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var sign = 1;
        if (to < from)
        {
            (from, to) = (to, from);
            sign = -1;
        }
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsBusinessDay(d))
            {
                count++;
            }
        }
        return sign * count;
    }

    /// <summary>
    /// <paramref name="date"/> + <paramref name="calendarDays"/>, then moved to the next business day when it falls on a
    /// weekend, holiday or closure and <see cref="RollsDeadlinesForward"/> is on. 2025-02-05 + 45 = Saturday
    /// 2025-03-22 → Monday 2025-03-24.
    /// </summary>
    public DateOnly CalendarDaysAfterRolledForward(DateOnly date, int calendarDays) =>
        Deadline(date.AddDays(calendarDays));

    /// <summary>A deadline date as set, moved to the next business day when rolling forward is on.</summary>
    public DateOnly Deadline(DateOnly date) => RollsDeadlinesForward ? NextBusinessDayOnOrAfter(date) : date;

    /// <summary>
    /// Close of business on <paramref name="date"/> in the configured zone, with that day's UTC offset
    /// (2025-12-19 17:00 America/New_York = 22:00Z; in summer 21:00Z).
    /// </summary>
    public DateTimeOffset CloseOfBusiness(DateOnly date)
    {
        var local = date.ToDateTime(_closeOfBusiness, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30); // inside a spring-forward gap: the first valid local time after it
        }
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
