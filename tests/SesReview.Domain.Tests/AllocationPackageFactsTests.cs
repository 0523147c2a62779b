using SesReview.Domain.AllocationReview;
using SesReview.Domain.Calendar;
using SesReview.Domain.Model;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

/// <summary>Facts of the allocation package OPM receives: the cycle's own due date, rates that read right, and the signing time as the agency reads it.</summary>
public class AllocationPackageFactsTests
{
    [Fact]
    public void The_review_carries_the_cycles_deadline_not_the_memos()
    {
        var inventory = new InventoryBuilder().Allocation("Office of Policy", PayPlan.ES, 2).Position(Es("P1", "Office of Policy"), Ge("P1", "2010-01-01")).Build();
        var review = new AllocationCalculator().Review(inventory, Agency, D("2026-11-20"), [], dueDate: D("2026-12-18"));
        Assert.Equal(D("2026-12-18"), review.DueDate);
    }

    [Theory]
    [InlineData("0.083", "8.3%")]
    [InlineData("0.08", "8%")]
    [InlineData("0.4", "40%")]
    public void A_rate_reads_with_one_decimal_so_8_3_is_not_8(string fraction, string expected) =>
        Assert.Equal(expected, PercentText.OneDecimal(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_signing_time_reads_in_the_agency_zone_with_the_zone_named()
    {
        var zone = BusinessCalendar.Default.TimeZone;
        Assert.Equal("2026-12-10 14:05 America/New_York (UTC-05:00)", AgencyTime.Format(new DateTimeOffset(2026, 12, 10, 19, 5, 0, TimeSpan.Zero), zone));
        Assert.Equal("2026-07-01 08:00 America/New_York (UTC-04:00)", AgencyTime.Format(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), zone));
    }
}
