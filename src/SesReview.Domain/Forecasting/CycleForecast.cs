namespace SesReview.Domain.Forecasting;

/// <summary>A cycle's deadline-risk forecast.</summary>
/// <param name="CompletesOn">When the last task completes; null when a task is stalled.</param>
/// <param name="DrivingTaskIds">The tasks that make the cycle miss the cut-off (stalled first, then latest); empty when on time.</param>
/// <param name="Decided">Positions decided by the end of each business day from the first notice to today (cumulative).</param>
public sealed record CycleForecast(
    DateOnly Today,
    DateOnly CutOff,
    DateOnly OpmDeadline,
    int Positions,
    int DecidedSoFar,
    IReadOnlyList<TaskForecast> Tasks,
    DateOnly? CompletesOn,
    bool MissesCutOff,
    bool MissesOpmDeadline,
    IReadOnlyList<string> DrivingTaskIds,
    IReadOnlyList<ForecastPoint> Decided)
{
    /// <summary>The forecast in one sentence, naming the tasks that drive a miss.</summary>
    public string Summary => CompletesOn is { } done
        ? MissesCutOff
            ? $"Forecast to finish {done:yyyy-MM-dd}, after the internal cut-off {CutOff:yyyy-MM-dd}{(MissesOpmDeadline ? $" and OPM's deadline {OpmDeadline:yyyy-MM-dd}" : "")}; driven by {string.Join(", ", DriverNames)}."
            : $"Forecast to finish {done:yyyy-MM-dd}, on or before the internal cut-off {CutOff:yyyy-MM-dd}."
        : $"No finish date can be forecast: stalled or late approvers ({string.Join(", ", DriverNames)}) would miss the internal cut-off {CutOff:yyyy-MM-dd}.";

    private IEnumerable<string> DriverNames => DrivingTaskIds.Select(id => Tasks.First(t => t.TaskId == id)).Select(t => $"{t.Approver} ({t.TaskId})");
}

/// <summary>A point of the chart: positions decided by the end of <paramref name="Day"/>.</summary>
public sealed record ForecastPoint(DateOnly Day, int Decided);
