namespace Durable;

/// <summary>Options for one activity or sub-orchestration call.</summary>
public sealed record TaskOptions(RetryPolicy? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
