namespace SesReview.Workflows.Forecasting;

/// <summary>What the orchestration needs of a forecast to warn early: whether it misses the cut-off, why, and the tasks behind it.</summary>
public sealed record ForecastCheck(bool MissesCutOff, string Summary, IReadOnlyList<string> DrivingTaskIds);
