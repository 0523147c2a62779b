using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Tests;

/// <summary>
/// 200 decision POSTs on one task at once (a security test's finding): decisions, the task's state and the audit trail
/// must agree, whichever request wins. Run on memory and on Azure tables (Azurite), where the writes race over HTTP.
/// </summary>
public abstract class DecisionRaceTests
{
    private const int Posts = 200;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");

    protected abstract bool RecordsOnAzurite { get; }

    private async Task<(WorkflowHarness Harness, string CycleId, string Token, IReadOnlyList<string> Positions)> StartAsync()
    {
        var harness = await WorkflowHarness.StartAsync(recordsOnAzurite: RecordsOnAzurite);
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(120, seed: 3));
        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = Today, Deadline = Today.AddDays(45),
            InventoryUploadId = upload.UploadId, Chco = Chco,
        }, Chco.Email, RequestOrigin.Web("10.9.9.9"));
        string token = WorkflowHarness.TokenOf(await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial"));
        var positions = (await harness.Approvals.OpenAsync(token)).View!.Positions.Select(p => p.PositionId).ToList();
        Assert.True(positions.Count >= 2);
        return (harness, cycle.CycleId, token, positions);
    }

    private static List<DecisionInput> Decide(IReadOnlyList<string> positions, Func<int, bool> retain) =>
        [.. positions.Select((p, i) => retain(i)
            ? new DecisionInput(p, ProposedAction.RequestRetention, $"Needed for continuity of the program office ({i}); the incumbent's duties require it.")
            : new DecisionInput(p, ProposedAction.RevertToGeneral, null))];

    private static Task<SubmitOutcome[]> RaceAsync(WorkflowHarness harness, string token, Func<int, IReadOnlyList<DecisionInput>> post) =>
        Task.WhenAll(Enumerable.Range(0, Posts).Select(i =>
            Task.Run(() => harness.Approvals.SubmitDecisionsAsync(token, post(i), RequestOrigin.Web($"10.0.{i / 250}.{i % 250}")))));

    private static async Task<List<AuditEntry>> DecisionEntriesAsync(WorkflowHarness harness, string cycleId) =>
        [.. (await harness.Audit.ListAsync(cycleId)).Where(a => a.Kind == AuditKinds.Decision)];

    /// <summary>Each position has exactly one decision entry, and it says what the stored decision says, from where.</summary>
    private static void AssertOneEntryPerStoredDecision(IReadOnlyList<DecisionRecord> stored, IReadOnlyList<AuditEntry> entries, IReadOnlyList<string> positions)
    {
        Assert.Equal(positions.Order(StringComparer.Ordinal), stored.Select(d => d.PositionId).Order(StringComparer.Ordinal));
        Assert.Equal(positions.Count, entries.Count);
        foreach (var decision in stored)
        {
            var entry = Assert.Single(entries, e => e.Detail.StartsWith($"Position {decision.PositionId}: ", StringComparison.Ordinal));
            Assert.Contains(decision.Action == ProposedAction.RevertToGeneral ? "revert to General" : "request retention", entry.Detail);
            Assert.Equal(decision.SourceAddress, entry.SourceAddress);
            Assert.Equal(decision.DecidedAt, entry.At);
        }
    }

    [Fact]
    public async Task Identical_concurrent_posts_record_the_decisions_once_with_one_audit_entry_each()
    {
        var (harness, cycleId, token, positions) = await StartAsync();
        await using var _h = harness;
        var decisions = Decide(positions, i => i % 2 == 0);

        var outcomes = await RaceAsync(harness, token, _ => decisions);

        Assert.All(outcomes, o => Assert.True(o.Recorded || o.AlreadyRecorded, $"{o.Access}: {o.Message}"));
        Assert.Single(outcomes, o => o.Recorded);
        var stored = (await harness.Store.ListDecisionsAsync(cycleId)).Where(d => positions.Contains(d.PositionId)).ToList();
        Assert.All(decisions, d => Assert.Single(stored, s => s.PositionId == d.PositionId && s.Action == d.Action));
        AssertOneEntryPerStoredDecision(stored, await DecisionEntriesAsync(harness, cycleId), positions);
        Assert.Equal(TaskState.Completed, (await harness.Store.GetTaskAsync(cycleId, "decision-01"))!.State);
    }

    [Fact]
    public async Task Mixed_concurrent_posts_record_one_submission_with_matching_audit_and_nothing_after_completion()
    {
        var (harness, cycleId, token, positions) = await StartAsync();
        await using var _h = harness;
        // Three different answers for the same positions: all retain, all revert, alternating.
        var answers = new[] { Decide(positions, _ => true), Decide(positions, _ => false), Decide(positions, i => i % 2 == 1) };

        var outcomes = await RaceAsync(harness, token, i => answers[i % answers.Length]);

        var winner = Assert.Single(outcomes, o => o.Recorded);
        Assert.All(outcomes.Where(o => !o.Recorded && !o.AlreadyRecorded), o => Assert.Equal(TaskAccess.Gone, o.Access));
        var stored = (await harness.Store.ListDecisionsAsync(cycleId)).Where(d => positions.Contains(d.PositionId)).ToList();
        // What is stored is one whole answer, not a mix of several.
        Assert.Contains(answers, a => a.All(d => stored.Single(s => s.PositionId == d.PositionId).Action == d.Action));
        Assert.Single(stored.Select(s => (s.DecidedAt, s.SourceAddress)).Distinct());
        var entries = await DecisionEntriesAsync(harness, cycleId);
        AssertOneEntryPerStoredDecision(stored, entries, positions);
        var task = (await harness.Store.GetTaskAsync(cycleId, "decision-01"))!;
        Assert.Equal(TaskState.Completed, task.State);

        // The task is complete: a later different answer is refused and changes nothing.
        var other = answers.First(a => !a.All(d => stored.Single(s => s.PositionId == d.PositionId).Action == d.Action));
        var late = await harness.Approvals.SubmitDecisionsAsync(token, other, RequestOrigin.Web("10.1.1.1"));
        Assert.Equal(TaskAccess.Gone, late.Access);
        Assert.Equal(stored.OrderBy(s => s.PositionId), (await harness.Store.ListDecisionsAsync(cycleId)).Where(d => positions.Contains(d.PositionId)).OrderBy(s => s.PositionId));
        Assert.Equal(entries, await DecisionEntriesAsync(harness, cycleId));
    }
}

public sealed class InMemoryDecisionRaceTests : DecisionRaceTests
{
    protected override bool RecordsOnAzurite => false;
}

public sealed class AzureTableDecisionRaceTests : DecisionRaceTests
{
    protected override bool RecordsOnAzurite => true;
}
