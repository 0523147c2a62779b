using Microsoft.DurableTask;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Forecasting;

/// <summary>
/// Computes the cycle's deadline-risk forecast for the orchestration, which only uses the recorded result (the activity reads
/// the stores and the clock; the orchestration stays replay-safe). Read-only, so running it more than once is harmless.
/// </summary>
public sealed class ForecastDeadlineActivity(DeadlineForecasts forecasts) : TaskActivity<CycleRef, ForecastCheck>
{
    public override async Task<ForecastCheck> RunAsync(TaskActivityContext context, CycleRef input)
    {
        var forecast = await forecasts.ForecastAsync(input.CycleId, CancellationToken.None);
        return forecast is null
            ? new ForecastCheck(false, "No decision tasks to forecast.", [])
            : new ForecastCheck(forecast.MissesCutOff, forecast.Summary, forecast.DrivingTaskIds);
    }
}
