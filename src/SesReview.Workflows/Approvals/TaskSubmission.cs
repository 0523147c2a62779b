namespace SesReview.Workflows.Approvals;

/// <summary>
/// The latest submission committed on a task, held in the task's record. Committing it is a conditional replace of that
/// record (ETag), so of concurrent submissions exactly one wins, on any number of hosts. Its records are then written to
/// their tables and the audit trail; <see cref="Applied"/> says that is done. Until then, any later request on the task
/// writes them first (the winner may have stopped), so a crash between the commit and the writes loses nothing.
/// </summary>
public sealed record TaskSubmission(
    int Sequence,
    DateTimeOffset At,
    string Channel,
    string? SourceAddress,
    bool Applied,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<ProposalRecord> Proposals,
    IReadOnlyList<RedesignationRecord> Redesignations);
