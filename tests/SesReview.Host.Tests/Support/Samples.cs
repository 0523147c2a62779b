using SesReview.Domain.Citations;
using SesReview.Domain.DesignationReview;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Host.Tests.Support;

/// <summary>Cycles, tasks and people the fakes answer with.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2025, 2, 5, 14, 0, 0, TimeSpan.Zero);
    public static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");
    public static readonly Person Head = new("Harper Head", "head@agency.example.gov");

    public static CycleInput Input(string cycleId, string title = "Designation review 2025") => new(
        cycleId, CycleKind.DesignationReview, "DEPARTMENT OF EXAMPLE", title, new DateOnly(2025, 2, 5), new DateOnly(2025, 3, 24),
        new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero), "upload-1", Chco, Chco, [new ApproverAssignment("Office of Policy", Head)],
        new DateOnly(2025, 2, 5), null, Start, Chco.Email);

    public static CycleSummary Summary(string cycleId, string title = "Designation review 2025") => new(
        cycleId, CycleKind.DesignationReview, "DEPARTMENT OF EXAMPLE", title, "Running",
        new CycleStatus { Phase = CyclePhase.AwaitingDecisions, Positions = 40, Assessed = 40, Identified = 4, AwaitingDecision = 3, Decided = 1, OverdueTasks = 1 },
        Start, Start.AddHours(1), new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero));

    public static CycleDetails Details(string cycleId, string title = "Designation review 2025") => new(
        Summary(cycleId, title), Input(cycleId, title), [DecisionTask(cycleId)], [], null, null, null, null);

    public static ApprovalTask DecisionTask(string cycleId) => new()
    {
        CycleId = cycleId, TaskId = "t-policy", Kind = TaskKind.Decision, Approver = Head, Components = ["Office of Policy"],
        PositionIds = ["P-001", "P-002"], DueAt = new DateTimeOffset(2025, 3, 14, 21, 0, 0, TimeSpan.Zero), CreatedAt = Start,
    };

    public static TaskView DecisionView(string cycleId) => new(
        DecisionTask(cycleId), Input(cycleId), IsOpen: true, MinimumJustificationLength: 50,
        [
            new TaskPositionView("P-001", "Deputy Assistant Secretary for Policy", "Office of Policy", "CR", new DateOnly(2023, 4, 2), "General on 2021-01-19", ["3395 notice"], null,
                [FindingExplanation.Of(FindingKind.MajorityNoncareer, "noncareer while General for 812 of 1,461 days: 2021-01-20 – 2023-04-11 (J. Doe, NA)")]),
            new TaskPositionView("P-002", "Director, <Office> & Analysis", "Office of Policy", "CR", new DateOnly(2022, 6, 1), "Noncareer 790 days", [], null),
        ],
        [], [], null);

    public static PositionState Position(string id, string title) =>
        new(id, "Office of Policy", title, "ES", true, true, nameof(ProposedAction.RevertToGeneral), "General on 2021-01-19", [], null,
            [FindingExplanation.Of(FindingKind.RevertUnlessRetained, "Redesignated General → Career Reserved on 2023-04-02 and Career Reserved now")]);
}
