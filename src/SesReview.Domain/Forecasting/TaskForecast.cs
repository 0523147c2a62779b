namespace SesReview.Domain.Forecasting;

/// <summary>One task's forecast.</summary>
/// <param name="PositionsPerBusinessDay">The pace used: the approver's own since their first answer, else the cycle's typical pace.</param>
/// <param name="FirstAnswerBusinessDays">Business days from the first notice to the first decision; null before any.</param>
/// <param name="CompletesOn">Forecast day the last position is decided; null when the approver is stalled (no forecast).</param>
/// <param name="Stalled">No answer, or no further answer, for longer than the stall threshold.</param>
/// <param name="MissesCutOff">Completes after the internal cut-off, or stalled.</param>
/// <param name="Explanation">The forecast in words, with the numbers behind it.</param>
public sealed record TaskForecast(
    string TaskId,
    string Approver,
    int Positions,
    int Decided,
    double PositionsPerBusinessDay,
    int? FirstAnswerBusinessDays,
    DateOnly? CompletesOn,
    bool Stalled,
    bool MissesCutOff,
    string Explanation);
