using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Approvals;

/// <summary>Builds the absolute links that go into messages: signed task links and the cycle's page.</summary>
public sealed class TaskLinks(WorkflowOptions options, ApprovalOptions approvals, ApprovalTokens tokens, TimeProvider time)
{
    private string Base => options.PublicBaseUrl.TrimEnd('/');

    /// <summary>A fresh link for <paramref name="approver"/> to <paramref name="taskId"/>, valid for the configured lifetime.</summary>
    public string ForTask(string cycleId, string taskId, Person approver) =>
        $"{Base}/tasks/{tokens.Create(new TaskTokenClaims(cycleId, taskId, approver.Email, time.GetUtcNow().AddDays(approvals.TokenLifetimeDays)))}";

    public string ForCycle(string cycleId) => $"{Base}/cycles/{Uri.EscapeDataString(cycleId)}";
}
