using SesReview.Domain.Calendar;

namespace SesReview.Domain.Tests;

public class FederalHolidaysTests
{
    [Fact]
    public void All_2025_observed_holidays_are_computed_by_rule()
    {
        string[] expected = ["2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
            "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"];

        Assert.Equal(expected.Select(TestData.D), FederalHolidays.ObservedDatesIn(2025));
    }

    [Fact]
    public void All_2026_observed_holidays_are_computed_by_rule_with_Independence_Day_observed_Friday_July_3()
    {
        string[] expected = ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
            "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"];

        Assert.Equal(expected.Select(TestData.D), FederalHolidays.ObservedDatesIn(2026));
        var july4 = FederalHolidays.InYear(2026).Single(h => h.Name == "Independence Day");
        Assert.Equal(TestData.D("2026-07-04"), july4.Date);
        Assert.Equal(TestData.D("2026-07-03"), july4.ObservedDate);
    }

    [Fact]
    public void New_Year_2022_on_a_Saturday_is_observed_Friday_2021_12_31()
    {
        Assert.Contains(TestData.D("2021-12-31"), FederalHolidays.ObservedDatesIn(2021));
        Assert.DoesNotContain(TestData.D("2022-01-01"), FederalHolidays.ObservedDatesIn(2022));
        Assert.Equal(10, FederalHolidays.ObservedDatesIn(2022).Count);
        Assert.Equal(12, FederalHolidays.ObservedDatesIn(2021).Count); // 11 of 2021 plus New Year 2022
        Assert.True(FederalHolidays.IsObservedHoliday(TestData.D("2021-12-31")));
        Assert.False(FederalHolidays.IsObservedHoliday(TestData.D("2022-01-03")));
    }

    [Theory]
    [InlineData("2023-01-02")] // New Year's Day 2023 on Sunday → Monday
    [InlineData("2021-06-18")] // Juneteenth 2021 on Saturday → Friday
    [InlineData("2022-06-20")] // Juneteenth 2022 on Sunday → Monday
    [InlineData("2027-12-24")] // Christmas 2027 on Saturday → Friday
    [InlineData("2027-12-31")] // New Year 2028 on Saturday → Friday before
    [InlineData("2020-07-03")] // Independence Day 2020 on Saturday
    public void Weekend_holidays_are_observed_on_the_nearest_weekday(string observed)
    {
        Assert.True(FederalHolidays.IsObservedHoliday(TestData.D(observed)));
    }

    [Theory]
    [InlineData(2020, 10)]
    [InlineData(2021, 11)]
    [InlineData(2030, 11)]
    public void Juneteenth_counts_from_2021(int year, int holidays)
    {
        Assert.Equal(holidays, FederalHolidays.InYear(year).Count);
    }
}
