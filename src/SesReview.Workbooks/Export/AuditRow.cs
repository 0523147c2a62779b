namespace SesReview.Workbooks.Export;

/// <summary>One line of a cycle's audit trail as the audit workbook shows it.</summary>
/// <param name="At">When it happened; written as UTC ISO 8601 text so the instant survives any spreadsheet's time zone.</param>
/// <param name="Channel"><c>web</c>, <c>api</c>, <c>email</c>, <c>teams</c> or <c>system</c>.</param>
/// <param name="SourceAddress">The caller's IP address, when there was a caller.</param>
public sealed record AuditRow(DateTimeOffset At, string Kind, string Actor, string Channel, string? SourceAddress, string Detail);
