using System.Net.Http;
using System.Net.Sockets;
using Azure;

namespace SesReview.Storage;

/// <summary>
/// Storage could not be reached: the connection was refused or reset, or no answer came within the network timeout of the
/// retry budget in force. Any answer from storage (404, 409, 412, 503 …) is not this: the account was reached. The stores of
/// this project throw this type for every such failure; the web layer answers it with 503 and <c>Retry-After</c>.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// True when <paramref name="exception"/> (or any exception it wraps, the Azure SDK's "Retry failed after N tries"
    /// aggregate included) is a failure to reach storage rather than an answer from it. A cancellation the caller asked for
    /// (<paramref name="callerToken"/> cancelled) is not an outage.
    /// </summary>
    public static bool Describes(Exception exception, CancellationToken callerToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (callerToken.IsCancellationRequested) return false;
        return Walk(exception, depth: 0);
    }

    private static bool Walk(Exception? e, int depth)
    {
        if (e is null || depth > 16) return false;
        switch (e)
        {
            case StorageUnavailableException:
            case RequestFailedException { Status: 0 }:
            case HttpRequestException:
            case SocketException:
            case TimeoutException:
                return true;
            // The SDK's per-try network timeout surfaces as a TaskCanceledException whose inner exception is a TimeoutException.
            case OperationCanceledException oce:
                return Walk(oce.InnerException, depth + 1);
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Any(inner => Walk(inner, depth + 1));
            case RequestFailedException:
                return false; // storage answered
            default:
                return e is IOException || Walk(e.InnerException, depth + 1);
        }
    }

    /// <summary>Runs <paramref name="call"/>, turning a failure to reach storage into a <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not StorageUnavailableException && Describes(e, cancellationToken))
        {
            throw new StorageUnavailableException($"Storage is unreachable: {Innermost(e).Message}", e);
        }
    }

    /// <inheritdoc cref="TranslateAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public static Task TranslateAsync(Func<Task> call, CancellationToken cancellationToken) =>
        TranslateAsync(async () => { await call().ConfigureAwait(false); return true; }, cancellationToken);

    private static Exception Innermost(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
