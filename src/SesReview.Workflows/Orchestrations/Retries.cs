using Microsoft.DurableTask;

namespace SesReview.Workflows.Orchestrations;

/// <summary>Retry policies of the workflows' activities (storage or Graph may be briefly unavailable).</summary>
internal static class Retries
{
    /// <summary>6 attempts, waiting 5 s, 10 s, 20 s, 40 s and 80 s between them (2 min 35 s in all) (the notification sender asks for a retry while a send is in flight).</summary>
    public static readonly TaskOptions Standard = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2)));
}
