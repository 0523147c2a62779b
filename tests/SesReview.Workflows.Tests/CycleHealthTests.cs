using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Tests;

public sealed class CycleHealthTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_cycle_says_it_will_not_continue_and_why()
    {
        var text = CycleHealth.Describe("Failed", CyclePhase.BuildingPackage, "Task 'BuildPackage' (#9) failed: disk full", Created, Created, Created.AddMinutes(1));
        Assert.NotNull(text);
        Assert.Contains("will not continue", text);
        Assert.Contains("disk full", text);
    }

    [Fact]
    public void A_cycle_no_worker_took_up_is_reported_after_the_stall_period_and_not_before()
    {
        Assert.Null(CycleHealth.Describe("Pending", null, null, Created, Created, Created.AddMinutes(9)));
        var text = CycleHealth.Describe("Pending", null, null, Created, Created, Created.AddMinutes(11));
        Assert.Contains("no worker has taken it up", text);
    }

    [Fact]
    public void A_cycle_without_progress_in_a_working_phase_is_reported_but_one_waiting_for_approvers_is_not()
    {
        var quiet = Created.AddHours(3);
        var stuck = CycleHealth.Describe("Running", CyclePhase.Assessing, null, Created, Created, quiet);
        Assert.Contains("No progress for 3 hours while assessing positions", stuck);
        // Approvers have days to answer: a quiet cycle that waits for them is healthy.
        Assert.Null(CycleHealth.Describe("Running", CyclePhase.AwaitingDecisions, null, Created, Created, quiet));
        Assert.Null(CycleHealth.Describe("Running", CyclePhase.Assessing, null, Created, quiet.AddMinutes(-1), quiet));
        Assert.Null(CycleHealth.Describe("Completed", CyclePhase.Submitted, null, Created, Created, quiet));
    }
}
