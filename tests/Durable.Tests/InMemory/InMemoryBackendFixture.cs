using Durable.Backend;
using Durable.InMemory;
using Durable.Options;
using Durable.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace Durable.Tests.InMemory;

/// <summary>In-memory hubs on a fake clock that starts at 2025-01-06 09:00 UTC and moves only when a test advances it.</summary>
public sealed class InMemoryBackendFixture : IBackendFixture
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    public bool ClockIsFake => true;
    public TimeProvider TimeProvider => _clock;
    public TimeSpan Timeout => TimeSpan.FromSeconds(15);

    public Task AdvanceTimeAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    public Task<IOrchestrationService> CreateServiceAsync(DurableTaskOptions options) =>
        Task.FromResult<IOrchestrationService>(new InMemoryOrchestrationService(_clock, options));
}
