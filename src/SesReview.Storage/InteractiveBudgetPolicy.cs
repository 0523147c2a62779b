using Azure.Core;
using Azure.Core.Pipeline;

namespace SesReview.Storage;

/// <summary>
/// Enforces <see cref="InteractiveStorageBudget.Current"/> on each try of an Azure SDK request: the try's network timeout
/// is cut to the budget's, and a retry beyond the budget's count is not sent (it fails with
/// <see cref="StorageUnavailableException"/>, which the SDK's retry policy does not retry). Outside a budget it does nothing.
/// Sits after the SDK's retry policy (<see cref="HttpPipelinePosition.PerRetry"/>) so that it sees every try.
/// </summary>
public sealed class InteractiveBudgetPolicy : HttpPipelinePolicy
{
    public static readonly InteractiveBudgetPolicy Instance = new();

    private InteractiveBudgetPolicy()
    {
    }

    /// <summary>Adds the policy to <paramref name="options"/> (the product's clients and the durable engine's).</summary>
    public static T AddTo<T>(T options) where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Instance, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        ProcessNext(message, pipeline);
    }

    private static void Bound(HttpMessage message)
    {
        if (InteractiveStorageBudget.Current is not { } budget) return;
        // The SDK's retry count is internal; the policy counts the tries of each message itself.
        var tries = message.TryGetProperty(typeof(TryCount), out var counted) && counted is TryCount c ? c : new TryCount();
        message.SetProperty(typeof(TryCount), tries);
        if (++tries.Value > budget.MaxRetries + 1)
            throw new StorageUnavailableException($"Storage did not answer within the interactive budget ({budget.MaxRetries} retries of {budget.NetworkTimeout.TotalSeconds:0.#} s).");
        if (message.NetworkTimeout is not { } timeout || timeout > budget.NetworkTimeout) message.NetworkTimeout = budget.NetworkTimeout;
    }

    private sealed class TryCount
    {
        public int Value;
    }
}
