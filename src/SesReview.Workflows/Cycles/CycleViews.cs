using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Cycles;

/// <summary>A cycle in the list: what the dashboard shows per row.</summary>
public sealed record CycleSummary(
    string CycleId,
    CycleKind Kind,
    string Agency,
    string Title,
    string RuntimeStatus,
    CycleStatus? Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset DueAt);

/// <summary>Everything about one cycle for the status page and API.</summary>
/// <param name="Attention">Why the cycle failed or seems stuck, in words (<see cref="CycleHealth"/>); null when healthy.</param>
public sealed record CycleDetails(
    CycleSummary Summary,
    CycleInput Input,
    IReadOnlyList<ApprovalTask> Tasks,
    IReadOnlyList<SignOffRecord> SignOffs,
    PackageRecord? Package,
    SubmissionRecord? Submission,
    string? FailureMessage,
    string? CancelReason,
    string? Attention = null,
    IReadOnlyList<string>? InventoryNotes = null);

/// <summary>One position's state in a cycle, for compliance staff.</summary>
public sealed record PositionState(
    string PositionId,
    string Component,
    string Title,
    string PayPlan,
    bool Identified,
    bool NeedsDecision,
    string ProposedAction,
    string Reason,
    IReadOnlyList<string> Flags,
    DecisionRecord? Decision,
    IReadOnlyList<Domain.Citations.FindingExplanation>? Findings = null);

/// <summary>The review package workbook built for a cycle (draft before sign-off, final after).</summary>
/// <param name="Items">Positions reported (designation review) or allocation lines (allocation review).</param>
public sealed record PackageRecord(
    string FileName, string BlobName, string Sha256, long Bytes, DateTimeOffset BuiltAt, int Round, bool Final, string Summary, IReadOnlyList<string> Warnings,
    int Items = 0);

/// <summary>The package file itself.</summary>
public sealed record PackageFile(string FileName, byte[] Content, string Sha256)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>The email that carried the package to OPM: the exactly-once record of the submission.</summary>
public sealed record SubmissionRecord(string MessageId, DateTimeOffset SentAt, string To, string FileName, string AttachmentSha256, bool AfterDeadline);

/// <summary><see cref="CancelOutcome.Cancelled"/> also answers a repeat on a cancelled cycle (which finishes any step a crash left undone).</summary>
public enum CancelOutcome { NotFound, AlreadyFinished, Cancelled }
