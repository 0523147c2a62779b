namespace SesReview.Storage;

/// <summary>
/// A shorter network timeout and fewer retries for the storage calls of one interactive request (a web page or API call),
/// so that a person waiting gets an answer within seconds when storage is down, while background work (the durable
/// worker's activities) keeps the full <see cref="StorageClientOptions"/> policy. Flows with the async context: calls made
/// inside <see cref="Begin"/>'s scope, and only those, are bounded. Applied by <see cref="InteractiveBudgetPolicy"/>, which
/// every client this project builds carries (the product's tables and blobs, and the durable engine's clients).
/// </summary>
public sealed record InteractiveStorageBudget(TimeSpan NetworkTimeout, int MaxRetries)
{
    private static readonly AsyncLocal<InteractiveStorageBudget?> Ambient = new();

    /// <summary>The budget of the current async flow, or null outside any interactive request.</summary>
    public static InteractiveStorageBudget? Current => Ambient.Value;

    /// <summary>Bounds the storage calls made until the returned scope is disposed.</summary>
    public static IDisposable Begin(InteractiveStorageBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var previous = Ambient.Value;
        Ambient.Value = budget;
        return new Scope(previous);
    }

    private sealed class Scope(InteractiveStorageBudget? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
