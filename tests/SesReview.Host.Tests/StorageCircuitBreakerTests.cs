using SesReview.Host.Tests.Support;
using SesReview.Web.Resilience;

namespace SesReview.Host.Tests;

/// <summary>The breaker's states on a clock the test moves: closed, open with the time left, one probe, closed again.</summary>
public class StorageCircuitBreakerTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private readonly StorageCircuitBreaker _breaker;

    public StorageCircuitBreakerTests() => _breaker = new StorageCircuitBreaker(new StorageOutageOptions { RetryAfter = TimeSpan.FromSeconds(5) }, _clock);

    [Fact]
    public void A_closed_breaker_lets_every_request_run()
    {
        var first = _breaker.TryEnter();
        var second = _breaker.TryEnter();
        Assert.True(first.Admitted && second.Admitted);
        Assert.False(first.IsProbe || second.IsProbe);
    }

    [Fact]
    public void After_a_failure_requests_are_refused_with_the_time_left()
    {
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(2));

        var refused = _breaker.TryEnter();

        Assert.False(refused.Admitted);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);
    }

    [Fact]
    public void When_the_open_period_ends_one_request_probes_and_the_others_wait_for_it()
    {
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(5));

        var probe = _breaker.TryEnter();
        var meanwhile = _breaker.TryEnter();

        Assert.True(probe.Admitted);
        Assert.True(probe.IsProbe);
        Assert.False(meanwhile.Admitted);
        Assert.True(meanwhile.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public void A_successful_probe_closes_the_breaker_without_a_restart()
    {
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(5));
        _breaker.Succeeded(_breaker.TryEnter());

        var next = _breaker.TryEnter();

        Assert.True(next.Admitted);
        Assert.False(next.IsProbe);
        Assert.False(_breaker.IsOpen);
    }

    [Fact]
    public void A_failed_probe_opens_the_breaker_again_for_the_full_period()
    {
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(_breaker.TryEnter().IsProbe);
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(1));

        var refused = _breaker.TryEnter();

        Assert.False(refused.Admitted);
        Assert.Equal(TimeSpan.FromSeconds(4), refused.RetryAfter);
    }

    [Fact]
    public void A_probe_that_ended_another_way_lets_the_next_request_probe()
    {
        _breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(5));
        _breaker.Abandoned(_breaker.TryEnter());

        var next = _breaker.TryEnter();

        Assert.True(next.Admitted);
        Assert.True(next.IsProbe);
    }

    [Fact]
    public void A_success_of_a_request_admitted_before_the_failure_does_not_close_the_breaker()
    {
        var early = _breaker.TryEnter();
        _breaker.Failed();
        _breaker.Succeeded(early);

        Assert.False(_breaker.TryEnter().Admitted);
    }
}
