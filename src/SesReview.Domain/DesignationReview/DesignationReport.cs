namespace SesReview.Domain.DesignationReview;

/// <summary>The agency's report to OPM under the February 5, 2025 memo.</summary>
/// <param name="PositionsReviewed">All ES positions assessed (identified or not).</param>
/// <param name="Entries">Every identified position, in position-id order.</param>
public sealed record DesignationReport(
    string Agency,
    DateOnly MemoDate,
    DateOnly DueDate,
    int PositionsReviewed,
    IReadOnlyList<DesignationReportEntry> Entries);
