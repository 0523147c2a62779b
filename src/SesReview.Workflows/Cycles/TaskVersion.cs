using SesReview.Storage;
using SesReview.Workflows.Approvals;

namespace SesReview.Workflows.Cycles;

/// <summary>A task as read, with the stored row whose ETag guards replacing it (<see cref="CycleStore.TryReplaceTaskAsync"/>).</summary>
public sealed record TaskVersion(ApprovalTask Task, StoredRecord Row);
