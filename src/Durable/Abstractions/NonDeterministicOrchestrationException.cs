namespace Durable;

/// <summary>
/// Replay found that the orchestrator code no longer makes the same scheduling decisions as the run recorded in
/// history (code changed under a running instance, or it reads clocks, random numbers or I/O directly).
/// The instance fails with this exception's message; it names the step history expects and the step the code took.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
