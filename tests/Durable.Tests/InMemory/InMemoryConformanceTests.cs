using Durable.Tests.Conformance;

namespace Durable.Tests.InMemory;

public sealed class InMemoryConformanceTests(InMemoryBackendFixture fixture)
    : OrchestrationConformanceTests(fixture), IClassFixture<InMemoryBackendFixture>;
