namespace SesReview.Domain.Forecasting;

/// <summary>
/// One approver task's record so far, from structured records (decision rows and sent notices), in the agency's local dates.
/// </summary>
/// <param name="Positions">Positions (or items) the task must decide.</param>
/// <param name="DecidedOn">The day each decided position was first decided; one entry per position.</param>
/// <param name="NoticesOn">The days the task's notice and each reminder were sent.</param>
public sealed record TaskHistory(string TaskId, string Approver, int Positions, IReadOnlyList<DateOnly> DecidedOn, IReadOnlyList<DateOnly> NoticesOn);
