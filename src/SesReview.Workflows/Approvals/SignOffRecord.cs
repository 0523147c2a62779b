namespace SesReview.Workflows.Approvals;

/// <summary>The signer's answer in one round: approved, or sent back with a note.</summary>
public sealed record SignOffRecord(int Round, bool Approved, string? Note, string By, string ByName, DateTimeOffset At, string? SourceAddress);
