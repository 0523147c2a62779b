using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// The task pages' logic: every call first checks the token (signature, expiry), then that the token's approver still
/// holds the task, then that the cycle is running. GET-side calls (<see cref="OpenAsync"/>, <see cref="GetPackageAsync"/>)
/// never change anything, so mail scanners that prefetch links do no harm.
/// </summary>
public interface IApprovalService
{
    Task<TaskPage> OpenAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Records decisions (all valid or none), appends them to the audit trail and wakes the task's orchestration.</summary>
    Task<SubmitOutcome> SubmitDecisionsAsync(string token, IReadOnlyList<DecisionInput> decisions, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<SubmitOutcome> SubmitProposalsAsync(
        string token, IReadOnlyList<ProposalInput> proposals, IReadOnlyList<RedesignationInput> redesignations, RequestOrigin origin,
        CancellationToken cancellationToken = default);

    /// <summary>The signer approves the package, or sends it back with a note (required then).</summary>
    Task<SubmitOutcome> SignOffAsync(string token, bool approve, string? note, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Hands the task to <paramref name="to"/>; the current link stops working and the delegate is sent a new one.</summary>
    Task<SubmitOutcome> DelegateAsync(string token, Person to, string? note, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The package the signer is asked to sign off (null when the token does not grant it).</summary>
    Task<(TaskAccess Access, PackageFile? File)> GetPackageAsync(string token, CancellationToken cancellationToken = default);
}
