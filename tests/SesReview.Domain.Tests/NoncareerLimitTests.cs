using SesReview.Domain.Limits;
using SesReview.Domain.Model;
using static SesReview.Domain.Tests.TestData;

namespace SesReview.Domain.Tests;

public class NoncareerLimitTests
{
    [Theory]
    [InlineData(3, 3, false, false, 0)] // below 4 positions the limit is not applied
    [InlineData(4, 1, true, false, 1)]  // floor(25% × 4) = 1 allowed
    [InlineData(4, 2, true, true, 1)]   // 2 exceeds
    [InlineData(7, 1, true, false, 1)]
    [InlineData(7, 2, true, true, 1)]
    [InlineData(8, 2, true, false, 2)]
    [InlineData(100, 25, true, false, 25)]
    [InlineData(100, 26, true, true, 25)]
    [InlineData(0, 0, false, false, 0)]
    public void Noncareer_appointees_may_be_at_most_a_quarter_of_SES_positions_from_4_positions(
        int positions, int noncareer, bool applies, bool exceeded, int maximum)
    {
        var r = new NoncareerLimit().Check("AGENCY", positions, noncareer);

        Assert.Equal(applies, r.Applies);
        Assert.Equal(exceeded, r.Exceeded);
        Assert.Equal(maximum, r.MaximumAllowed);
        Assert.Equal(positions, r.Positions);
        Assert.Equal(noncareer, r.NoncareerCount);
        Assert.Contains("AGENCY", r.Message);
    }

    [Fact]
    public void Message_says_why_the_limit_is_not_applied_or_by_how_much_it_is_exceeded()
    {
        Assert.Contains("not applied below 4", new NoncareerLimit().Check("A", 3, 3).Message);
        Assert.Contains("exceeds the 25% limit of 1 by 1", new NoncareerLimit().Check("A", 4, 2).Message);
        Assert.Contains("within", new NoncareerLimit().Check("A", 4, 1).Message);
    }

    [Fact]
    public void Inventory_check_counts_current_noncareer_incumbents_of_ES_positions_per_agency()
    {
        var asOf = D("2025-12-01");
        var inventory = new InventoryBuilder()
            .Position(Es("P1"), Na("P1", "2025-03-01", null))
            .Position(Es("P2"), Na("P2", "2025-03-01", null))
            .Position(Es("P3"), Na("P3", "2021-03-01", "2025-01-19")) // left before asOf
            .Position(Es("P4"), Ca("P4", "2020-01-01", null))
            .Position(Es("B1", agency: "SMALL BOARD"), Na("B1", "2025-03-01", null))
            .Build();

        var results = new NoncareerLimit().Check(inventory, asOf);

        var dept = results.Single(r => r.Agency == Agency);
        Assert.Equal((4, 2, 1, true, true), (dept.Positions, dept.NoncareerCount, dept.MaximumAllowed, dept.Applies, dept.Exceeded));
        var board = results.Single(r => r.Agency == "SMALL BOARD");
        Assert.False(board.Applies);
        Assert.False(board.Exceeded);
    }
}
