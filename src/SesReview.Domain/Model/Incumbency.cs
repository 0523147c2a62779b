namespace SesReview.Domain.Model;

/// <summary>
/// One appointee's time in a position. <paramref name="Start"/> and <paramref name="End"/> are both
/// days the appointee held the position (inclusive); a null end means still serving.
/// </summary>
public sealed record Incumbency(
    string PositionId,
    AppointmentType AppointmentType,
    DateOnly Start,
    DateOnly? End,
    string? IncumbentName = null);
