namespace Durable;

/// <summary>
/// How an orchestration retries a failed activity or sub-orchestration. Retries are driven by the orchestration itself:
/// each attempt is a new scheduled task (new task id) and the wait between attempts is a durable timer, so a retry
/// schedule survives worker restarts. Delay before attempt n+1 = min(FirstRetryInterval × BackoffCoefficient^(n-1), MaxRetryInterval).
/// </summary>
public sealed class RetryPolicy
{
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        Func<TaskFailedException, bool>? handle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        Handle = handle ?? (_ => true);
    }

    public int MaxNumberOfAttempts { get; }
    public TimeSpan FirstRetryInterval { get; }
    public double BackoffCoefficient { get; }
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Whether a failure is worth retrying; the default retries every failure. Must be deterministic.</summary>
    public Func<TaskFailedException, bool> Handle { get; }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan GetDelay(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
