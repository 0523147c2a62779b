using Durable.Backend;
using Durable.Options;

namespace Durable.Tests.Conformance;

/// <summary>
/// What <see cref="OrchestrationConformanceTests"/> needs from a backend. Implement it once per backend (in-memory,
/// Azure Storage on Azurite, …) and subclass the suite with it; the suite's bodies are backend-agnostic.
/// </summary>
public interface IBackendFixture
{
    /// <summary>True when <see cref="TimeProvider"/> is a fake clock that only moves in <see cref="AdvanceTimeAsync"/>.</summary>
    bool ClockIsFake { get; }

    /// <summary>The clock given to the backend, the worker and the client.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>A fake clock jumps forward by <paramref name="by"/>; a real clock waits that long.</summary>
    Task AdvanceTimeAsync(TimeSpan by);

    /// <summary>
    /// A fresh, empty task hub named <see cref="DurableTaskOptions.HubName"/> (unique per test), using the given
    /// options (lock timeout, partition count, …) and <see cref="TimeProvider"/>. Disposed with the test: the suite calls
    /// <see cref="IOrchestrationService.DeleteAsync"/>, then disposes it if it is disposable.
    /// </summary>
    Task<IOrchestrationService> CreateServiceAsync(DurableTaskOptions options);

    /// <summary>Longest a single test waits for a condition before failing.</summary>
    TimeSpan Timeout { get; }
}
