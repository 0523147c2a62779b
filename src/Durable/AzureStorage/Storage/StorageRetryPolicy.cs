using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;

namespace Durable.AzureStorage.Storage;

/// <summary>
/// Retries transient storage faults (connection refused or reset, timeouts, 408/429/5xx) with exponential back-off,
/// bounded per call by <see cref="MaxDuration"/>; every retry is logged. Non-transient errors surface at once.
/// </summary>
/// <remarks>
/// Every request also passes a gate bounding the requests in flight per service (<c>maxConcurrentRequests</c>):
/// Azurite is one single-threaded process, and an unbounded burst (dozens of dispatcher loops, parallel sends and
/// deletes) queues thousands of HTTP requests there until they exceed the request timeout. Waiting for the gate is
/// not part of a request's timeout, because the SDK's timer starts only when the request is issued.
/// </remarks>
internal sealed class StorageRetryPolicy(TimeSpan initialDelay, TimeSpan maxDelay, TimeSpan maxDuration, ILogger logger, int maxConcurrentRequests = int.MaxValue)
{
    private readonly TimeSpan maxDurationValue = maxDuration;
    private readonly SemaphoreSlim? gate = maxConcurrentRequests is > 0 and < int.MaxValue ? new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests) : null;
    private int inFlight;
    private int peakInFlight;

    /// <summary>Requests issued and not yet answered (diagnostics).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Most requests in flight at once so far (diagnostics).</summary>
    public int PeakInFlight => Volatile.Read(ref peakInFlight);

    public TimeSpan MaxDuration => maxDurationValue;

    /// <summary>Set DURABLE_STORAGE_STATS=1 to count calls and time per operation (profiling); see <see cref="StatsReport"/>.</summary>
    private static readonly bool CollectStats = Environment.GetEnvironmentVariable("DURABLE_STORAGE_STATS") == "1";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long[]> stats = new();

    /// <summary>Calls, total and mean time per operation kind since start (only with DURABLE_STORAGE_STATS=1).</summary>
    public string? StatsReport() => !CollectStats ? null : string.Join(Environment.NewLine, stats.OrderByDescending(kv => kv.Value[1])
        .Select(kv => $"{kv.Key,-40} {kv.Value[0],8} calls {TimeSpan.FromTicks(kv.Value[1]).TotalSeconds,9:0.0} s total {TimeSpan.FromTicks(kv.Value[1] / Math.Max(1, kv.Value[0])).TotalMilliseconds,8:0.0} ms mean"));

    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken, TimeSpan? maxDuration = null)
    {
        TimeSpan limit = maxDuration ?? this.maxDurationValue;
        long started = Stopwatch.GetTimestamp();
        TimeSpan delay = initialDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (!CollectStats) return await RunGatedAsync(action, cancellationToken).ConfigureAwait(false);
                long t0 = Stopwatch.GetTimestamp();
                try { return await RunGatedAsync(action, cancellationToken).ConfigureAwait(false); }
                finally
                {
                    string kind = System.Text.RegularExpressions.Regex.Replace(operation, "[0-9a-f]{10}|-[0-9]{2}$", "");
                    var entry = stats.GetOrAdd(kind, _ => new long[2]);
                    Interlocked.Increment(ref entry[0]);
                    Interlocked.Add(ref entry[1], Stopwatch.GetElapsedTime(t0).Ticks);
                }
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && Stopwatch.GetElapsedTime(started) + delay < limit)
            {
                logger.LogWarning("Transient storage fault in {Operation} (attempt {Attempt}): {Message}; retrying in {Delay} ms",
                    operation, attempt, e.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50)), cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }
    }

    private async Task<T> RunGatedAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        if (gate is not null) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        int now = Interlocked.Increment(ref inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref peakInFlight)) && Interlocked.CompareExchange(ref peakInFlight, now, peak) != peak) { }
        try
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            gate?.Release();
        }
    }

    public Task ExecuteAsync(string operation, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        ExecuteAsync<bool>(operation, async ct => { await action(ct).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Connection failures, timeouts and server-side errors; never a cancellation the caller asked for.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return false;
        switch (e)
        {
            case StorageException se:
                int status = se.RequestInformation?.HttpStatusCode ?? 0;
                if (status is 408 or 429 or >= 500) return true;
                return status is 0 or 306 && (se.InnerException is null || IsTransient(se.InnerException, cancellationToken));
            case HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException:
                return true;
            case AggregateException ae:
                return ae.InnerExceptions.All(x => IsTransient(x, cancellationToken));
            default:
                return false;
        }
    }

    public static int StatusOf(Exception e) => e is StorageException se ? se.RequestInformation?.HttpStatusCode ?? 0 : 0;
}
