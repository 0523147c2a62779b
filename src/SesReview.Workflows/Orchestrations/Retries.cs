using Microsoft.DurableTask;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// How often a failing activity is tried before its step fails (storage or Graph may be briefly unavailable; the
/// notification sender asks for a retry while a send is in flight). Fixed in the cycle's input when it starts, so replays
/// see the same policy whatever the settings say later. Waits double from <paramref name="FirstInterval"/>, at most 2 min
/// apart; after the last attempt the step fails and with it the cycle, which then shows the activity's error.
/// </summary>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval)
{
    /// <summary>6 attempts, waiting 5 s, 10 s, 20 s, 40 s and 80 s between them (2 min 35 s in all).</summary>
    public static ActivityRetry Standard { get; } = new(6, TimeSpan.FromSeconds(5));

    public TaskOptions ToTaskOptions() =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, FirstInterval, 2.0, TimeSpan.FromMinutes(2)));
}

internal static class Retries
{
    /// <summary>The task options of a cycle's activities (the standard policy for inputs recorded without one).</summary>
    public static TaskOptions For(ActivityRetry? retry) => (retry ?? ActivityRetry.Standard).ToTaskOptions();
}
