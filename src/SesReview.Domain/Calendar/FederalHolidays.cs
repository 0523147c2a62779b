namespace SesReview.Domain.Calendar;

/// <summary>
/// Legal public holidays of 5 U.S.C. 6103(a), computed by rule for any year, and their observance under
/// 5 U.S.C. 6103(b) / Executive Order 11582: a holiday on Saturday is observed the Friday before, on Sunday the
/// Monday after. Juneteenth is included from 2021 (Pub. L. 117-17). Inauguration Day (6103(c), Washington area
/// only) and closures by executive order are not rules: configure them as extra closures.
/// </summary>
public static class FederalHolidays
{
    /// <summary>The holidays of <paramref name="year"/> by their legal date (10 before 2021, 11 from 2021).</summary>
    public static IReadOnlyList<FederalHoliday> InYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        var list = new List<FederalHoliday>(11)
        {
            Make("New Year's Day", new DateOnly(year, 1, 1)),
            Make("Birthday of Martin Luther King, Jr.", NthWeekday(year, 1, DayOfWeek.Monday, 3)),
            Make("Washington's Birthday", NthWeekday(year, 2, DayOfWeek.Monday, 3)),
            Make("Memorial Day", LastWeekday(year, 5, DayOfWeek.Monday)),
        };
        if (year >= 2021)
        {
            list.Add(Make("Juneteenth National Independence Day", new DateOnly(year, 6, 19)));
        }
        list.Add(Make("Independence Day", new DateOnly(year, 7, 4)));
        list.Add(Make("Labor Day", NthWeekday(year, 9, DayOfWeek.Monday, 1)));
        list.Add(Make("Columbus Day", NthWeekday(year, 10, DayOfWeek.Monday, 2)));
        list.Add(Make("Veterans Day", new DateOnly(year, 11, 11)));
        list.Add(Make("Thanksgiving Day", NthWeekday(year, 11, DayOfWeek.Thursday, 4)));
        list.Add(Make("Christmas Day", new DateOnly(year, 12, 25)));
        return list;
    }

    /// <summary>
    /// Days in calendar year <paramref name="year"/> on which a holiday is observed, sorted. Handles the year
    /// boundary: includes December 31 when the next New Year's Day is a Saturday, and leaves out January 1
    /// of a year whose New Year's Day was observed the December before.
    /// </summary>
    public static IReadOnlyList<DateOnly> ObservedDatesIn(int year)
    {
        var dates = new List<DateOnly>(12);
        foreach (var h in InYear(year))
        {
            if (h.ObservedDate.Year == year)
            {
                dates.Add(h.ObservedDate);
            }
        }
        if (year < 9998)
        {
            var nextNewYear = InYear(year + 1)[0];
            if (nextNewYear.ObservedDate.Year == year)
            {
                dates.Add(nextNewYear.ObservedDate);
            }
        }
        dates.Sort();
        return dates;
    }

    /// <summary>True when federal offices are closed for a holiday on <paramref name="date"/> (observed date).</summary>
    public static bool IsObservedHoliday(DateOnly date) => ObservedDatesIn(date.Year).Contains(date);

    /// <summary>Saturday → Friday before; Sunday → Monday after; otherwise the day itself.</summary>
    public static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static FederalHoliday Make(string name, DateOnly date) => new(name, date, Observed(date));

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.AddDays(-offset);
    }
}
