namespace SesReview.Workflows.Cycles;

/// <summary>The stored row of a cycle: its input, and the cancellation if any.</summary>
public sealed record CycleRecord(CycleInput Input, string? CancelReason = null, string? CancelledBy = null, DateTimeOffset? CancelledAt = null);
