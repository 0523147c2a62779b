using Microsoft.DurableTask.Client;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Tests;

public sealed class TaskLinkTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly RequestOrigin Origin = RequestOrigin.Web("10.1.2.3");

    private static async Task<(WorkflowHarness Harness, CycleInput Cycle, string Token)> StartAsync()
    {
        var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(120, seed: 3));
        var cycle = await harness.Cycles.StartAsync(new StartCycleRequest
        {
            Kind = CycleKinds.Designation, Agency = upload.Agencies.Single(), MemoDate = Today, Deadline = Today.AddDays(45),
            InventoryUploadId = upload.UploadId, Chco = new Person("Casey Chco", "chco@agency.example.gov"),
            Approvers = [.. upload.Components.Select(c => new ApproverAssignment(c, new Person("Avery Approver", "avery@agency.example.gov")))],
        }, "chco@agency.example.gov", Origin);
        var message = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/initial");
        return (harness, cycle, WorkflowHarness.TokenOf(message));
    }

    [Fact]
    public async Task A_forged_or_altered_token_is_forbidden()
    {
        var (harness, _, token) = await StartAsync();
        await using var _h = harness;
        Assert.Equal(TaskAccess.Forbidden, (await harness.Approvals.OpenAsync("abc.def")).Access);
        string altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Equal(TaskAccess.Forbidden, (await harness.Approvals.OpenAsync(altered)).Access);
        var otherKey = new ApprovalTokens(new ApprovalOptions { SigningKey = new string('x', 40) }, TimeProvider.System);
        var claims = Decode(harness, token);
        Assert.Equal(TaskAccess.Forbidden, (await harness.Approvals.OpenAsync(otherKey.Create(claims))).Access);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_records_nothing()
    {
        var (harness, cycle, token) = await StartAsync();
        await using var _h = harness;
        var signer = new ApprovalTokens(new ApprovalOptions { SigningKey = WorkflowHarness.SigningKey }, TimeProvider.System);
        string expired = signer.Create(Decode(harness, token) with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var page = await harness.Approvals.OpenAsync(expired);
        Assert.Equal(TaskAccess.Expired, page.Access);
        var post = await harness.Approvals.SubmitDecisionsAsync(expired, [new DecisionInput("x", ProposedAction.RevertToGeneral, null)], Origin);
        Assert.Equal(TaskAccess.Expired, post.Access);
        Assert.Empty(await harness.Store.ListDecisionsAsync(cycle.CycleId));
    }

    [Fact]
    public async Task Another_approvers_token_and_the_old_link_after_delegation_are_forbidden()
    {
        var (harness, cycle, token) = await StartAsync();
        await using var _h = harness;
        var signer = new ApprovalTokens(new ApprovalOptions { SigningKey = WorkflowHarness.SigningKey }, TimeProvider.System);
        string someoneElse = signer.Create(Decode(harness, token) with { ApproverEmail = "mallory@agency.example.gov" });
        Assert.Equal(TaskAccess.Forbidden, (await harness.Approvals.OpenAsync(someoneElse)).Access);

        var delegated = await harness.Approvals.DelegateAsync(token, new Person("Dana Delegate", "dana@agency.example.gov"), "On leave", Origin);
        Assert.True(delegated.Recorded, delegated.Message);
        Assert.True((await harness.Approvals.DelegateAsync(token, new Person("Dana Delegate", "dana@agency.example.gov"), "On leave", Origin)).AlreadyRecorded);
        Assert.Equal(TaskAccess.Forbidden, (await harness.Approvals.OpenAsync(token)).Access);

        var toDelegate = await harness.WaitForMessageAsync(cycle.CycleId, "task/decision-01/r1/delegated/1");
        Assert.Equal("dana@agency.example.gov", toDelegate.Message.To.Single());
        var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(toDelegate));
        Assert.Equal(TaskAccess.Ok, page.Access);
        Assert.Single((await harness.Store.GetTaskAsync(cycle.CycleId, "decision-01"))!.Delegations);
    }

    [Fact]
    public async Task A_retention_request_needs_the_minimum_justification_and_nothing_partial_is_saved()
    {
        var (harness, cycle, token) = await StartAsync();
        await using var _h = harness;
        var view = (await harness.Approvals.OpenAsync(token)).View!;
        var decisions = view.Positions.Select((p, i) => new DecisionInput(p.PositionId, i == 0 ? ProposedAction.RequestRetention : ProposedAction.RevertToGeneral, i == 0 ? "too short" : null)).ToList();
        var outcome = await harness.Approvals.SubmitDecisionsAsync(token, decisions, Origin);
        Assert.False(outcome.Recorded);
        Assert.Contains(outcome.Errors, e => e.Field == $"justification[{view.Positions[0].PositionId}]");
        Assert.Empty(await harness.Store.ListDecisionsAsync(cycle.CycleId));
    }

    [Fact]
    public async Task A_task_of_a_cancelled_cycle_is_gone()
    {
        var (harness, cycle, token) = await StartAsync();
        await using var _h = harness;
        Assert.Equal(CancelOutcome.Cancelled, await harness.Cycles.CancelAsync(cycle.CycleId, "Started with the wrong inventory", "chco@agency.example.gov", Origin));
        var ended = await harness.Client.WaitForInstanceCompletionAsync(cycle.CycleId, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);
        var taskInstance = (await harness.Store.GetTaskAsync(cycle.CycleId, "decision-01"))!.InstanceId;
        var task = await harness.Client.WaitForInstanceCompletionAsync(taskInstance, cancellation: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, task.RuntimeStatus);
        Assert.Equal(TaskAccess.Gone, (await harness.Approvals.OpenAsync(token)).Access);
        // A repeat (e.g. after a crash half-way) succeeds again and leaves one audit entry.
        Assert.Equal(CancelOutcome.Cancelled, await harness.Cycles.CancelAsync(cycle.CycleId, "again", "chco@agency.example.gov", Origin));
        Assert.Single(await harness.Audit.ListAsync(cycle.CycleId), a => a.Kind == Audit.AuditKinds.Cancelled && a.SourceAddress == "10.1.2.3");
    }

    private static TaskTokenClaims Decode(WorkflowHarness harness, string token)
    {
        var tokens = new ApprovalTokens(new ApprovalOptions { SigningKey = WorkflowHarness.SigningKey }, TimeProvider.System);
        Assert.Equal(TokenFailure.None, tokens.Validate(token, out var claims));
        return claims!;
    }
}
