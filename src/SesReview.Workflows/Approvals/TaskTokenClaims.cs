namespace SesReview.Workflows.Approvals;

/// <summary>What a task link's token binds: one cycle, one task, one approver, until a moment.</summary>
public sealed record TaskTokenClaims(string CycleId, string TaskId, string ApproverEmail, DateTimeOffset ExpiresAt);

public enum TokenFailure
{
    None,
    /// <summary>Not a token of this system, or altered: the signature does not match.</summary>
    Forged,
    Expired,
}
