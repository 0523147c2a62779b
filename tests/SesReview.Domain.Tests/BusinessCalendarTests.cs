using SesReview.Domain.Calendar;
using SesReview.Domain.Settings;

namespace SesReview.Domain.Tests;

public class BusinessCalendarTests
{
    private static BusinessCalendar WithChristmasClosures() =>
        new(new CalendarOptions { ExtraClosures = [TestData.D("2025-12-24"), TestData.D("2025-12-26")] });

    [Theory]
    [InlineData("2025-12-22", true)]  // Monday
    [InlineData("2025-12-24", false)] // extra closure
    [InlineData("2025-12-25", false)] // Christmas
    [InlineData("2025-12-26", false)] // extra closure
    [InlineData("2025-12-27", false)] // Saturday
    [InlineData("2025-12-29", true)]
    [InlineData("2026-07-03", false)] // observed Independence Day
    [InlineData("2021-12-31", false)] // observed New Year 2022
    public void Business_days_exclude_weekends_holidays_and_extra_closures(string date, bool business)
    {
        Assert.Equal(business, WithChristmasClosures().IsBusinessDay(TestData.D(date)));
    }

    [Fact]
    public void Extra_closures_are_data_not_rules()
    {
        Assert.True(BusinessCalendar.Default.IsBusinessDay(TestData.D("2025-12-24")));
        Assert.False(WithChristmasClosures().IsBusinessDay(TestData.D("2025-12-24")));
    }

    [Theory]
    [InlineData("2025-12-23", 1, "2025-12-29")]
    [InlineData("2025-12-29", -1, "2025-12-23")]
    [InlineData("2025-12-19", -3, "2025-12-16")]
    [InlineData("2025-12-22", 0, "2025-12-22")]
    [InlineData("2025-12-27", 0, "2025-12-27")]
    [InlineData("2025-12-27", 1, "2025-12-29")]
    [InlineData("2025-12-31", 1, "2026-01-02")]
    [InlineData("2026-01-02", -2, "2025-12-30")]
    public void AddBusinessDays_steps_over_closed_days_in_either_direction(string from, int n, string expected)
    {
        Assert.Equal(TestData.D(expected), WithChristmasClosures().AddBusinessDays(TestData.D(from), n));
    }

    [Theory]
    [InlineData("2025-12-24", "2025-12-29")]
    [InlineData("2025-12-23", "2025-12-23")]
    [InlineData("2021-12-31", "2022-01-03")]
    public void NextBusinessDayOnOrAfter_skips_closed_days(string from, string expected)
    {
        Assert.Equal(TestData.D(expected), WithChristmasClosures().NextBusinessDayOnOrAfter(TestData.D(from)));
    }

    [Fact]
    public void Designation_deadline_2025_02_05_plus_45_days_rolls_from_Saturday_to_Monday_2025_03_24()
    {
        var calendar = BusinessCalendar.Default;

        Assert.Equal(TestData.D("2025-03-24"), calendar.CalendarDaysAfterRolledForward(TestData.D("2025-02-05"), 45));
        var deadlines = new ReviewDeadlines(calendar, new DesignationReviewOptions(), new AllocationReviewOptions());
        Assert.Equal(TestData.D("2025-03-24"), deadlines.DesignationDueDate);
    }

    [Fact]
    public void Without_roll_forward_the_designation_deadline_stays_on_Saturday()
    {
        var calendar = new BusinessCalendar(new CalendarOptions { RollDeadlinesForward = false });

        Assert.Equal(TestData.D("2025-03-22"), calendar.CalendarDaysAfterRolledForward(TestData.D("2025-02-05"), 45));
    }

    [Fact]
    public void Allocation_deadline_is_close_of_business_2025_12_19_in_New_York_which_is_22_00_UTC()
    {
        var deadlines = new ReviewDeadlines(WithChristmasClosures(), new DesignationReviewOptions(), new AllocationReviewOptions());

        Assert.Equal(TestData.D("2025-12-19"), deadlines.AllocationDueDate);
        Assert.Equal(new DateTimeOffset(2025, 12, 19, 17, 0, 0, TimeSpan.FromHours(-5)), deadlines.AllocationDueAt);
        Assert.Equal(new DateTime(2025, 12, 19, 22, 0, 0, DateTimeKind.Utc), deadlines.AllocationDueAt.UtcDateTime);
    }

    [Fact]
    public void Close_of_business_in_summer_uses_daylight_time()
    {
        var cob = BusinessCalendar.Default.CloseOfBusiness(TestData.D("2025-03-24"));

        Assert.Equal(TimeSpan.FromHours(-4), cob.Offset);
        Assert.Equal(21, cob.UtcDateTime.Hour);
    }

    [Fact]
    public void Close_of_business_follows_the_configured_zone_and_time()
    {
        var calendar = new BusinessCalendar(new CalendarOptions { TimeZoneId = "America/Denver", CloseOfBusiness = new TimeOnly(16, 30) });

        var cob = calendar.CloseOfBusiness(TestData.D("2025-12-19"));

        Assert.Equal(new DateTime(2025, 12, 19, 23, 30, 0, DateTimeKind.Utc), cob.UtcDateTime);
    }

    [Fact]
    public void BusinessDaysBetween_counts_days_after_the_start_through_the_end()
    {
        var calendar = WithChristmasClosures();

        Assert.Equal(2, calendar.BusinessDaysBetween(TestData.D("2025-12-22"), TestData.D("2025-12-29")));
        Assert.Equal(-2, calendar.BusinessDaysBetween(TestData.D("2025-12-29"), TestData.D("2025-12-22")));
    }
}
