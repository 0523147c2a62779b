namespace SesReview.Web.Resilience;

/// <summary>
/// Remembers that storage was unreachable, so that requests during an outage are answered 503 at once instead of each
/// waiting out its own network timeouts. Closed: every request runs. After a failure it is open for
/// <see cref="StorageOutageOptions.RetryAfter"/>: requests are refused with the time left. Then the next request runs as
/// the probe (others are still refused until it ends): its success closes the breaker, its failure opens it again. So the
/// host recovers by itself, without a restart, with the first request after storage is back. One per process; the clock
/// is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class StorageCircuitBreaker(StorageOutageOptions options, TimeProvider time)
{
    /// <summary>What a refused request is told while a probe is under way.</summary>
    internal static readonly TimeSpan ProbeRetryAfter = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private DateTimeOffset? _openUntil;
    private bool _probing;

    /// <summary>Whether a request may run now; when it may not, how long until it should try again.</summary>
    public Admission TryEnter()
    {
        lock (_gate)
        {
            if (_openUntil is not { } until) return Admission.Run(probe: false);
            var now = time.GetUtcNow();
            if (now < until) return Admission.Refuse(until - now);
            if (_probing) return Admission.Refuse(ProbeRetryAfter);
            _probing = true;
            return Admission.Run(probe: true);
        }
    }

    /// <summary>The request ran without failing to reach storage; a probe's success closes the breaker.</summary>
    public void Succeeded(Admission admission)
    {
        if (!admission.IsProbe) return;
        lock (_gate)
        {
            _openUntil = null;
            _probing = false;
        }
    }

    /// <summary>Storage was unreachable: refuse requests for <see cref="StorageOutageOptions.RetryAfter"/> from now.</summary>
    public TimeSpan Failed()
    {
        lock (_gate)
        {
            _openUntil = time.GetUtcNow() + options.RetryAfter;
            _probing = false;
            return options.RetryAfter;
        }
    }

    /// <summary>The request ended some other way (another error, cancelled): a probe makes room for the next one.</summary>
    public void Abandoned(Admission admission)
    {
        if (!admission.IsProbe) return;
        lock (_gate) _probing = false;
    }

    /// <summary>True while requests are being refused (open, or a probe under way).</summary>
    public bool IsOpen
    {
        get { lock (_gate) return _openUntil is not null; }
    }

    public readonly record struct Admission(bool Admitted, bool IsProbe, TimeSpan RetryAfter)
    {
        internal static Admission Run(bool probe) => new(true, probe, TimeSpan.Zero);
        internal static Admission Refuse(TimeSpan retryAfter) => new(false, false, retryAfter);
    }
}
