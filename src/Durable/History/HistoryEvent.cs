using System.Text.Json.Serialization;

namespace Durable.History;

/// <summary>
/// One entry of an orchestration's history. Replay rebuilds the orchestrator's state from these alone, so every
/// field an orchestrator can observe (results, times, event payloads) is recorded here. Payloads are JSON text.
/// </summary>
/// <param name="EventId">Sequence number of a scheduling action (task, timer, sub-orchestration); -1 for events that answer one.</param>
/// <param name="Timestamp">When the event was recorded (wall clock of the worker or client that recorded it).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStarted), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompleted), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminated), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspended), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumed), "ExecutionResumed")]
[JsonDerivedType(typeof(ContinuedAsNew), "ContinuedAsNew")]
[JsonDerivedType(typeof(OrchestratorStarted), "OrchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompleted), "OrchestratorCompleted")]
[JsonDerivedType(typeof(TaskScheduled), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(TimerCreated), "TimerCreated")]
[JsonDerivedType(typeof(TimerFired), "TimerFired")]
[JsonDerivedType(typeof(EventRaised), "EventRaised")]
[JsonDerivedType(typeof(EventSent), "EventSent")]
public abstract record HistoryEvent(int EventId, DateTimeOffset Timestamp);

/// <summary>First event of every execution. <paramref name="Parent"/> is set for sub-orchestrations.</summary>
public sealed record ExecutionStarted(
    DateTimeOffset Timestamp,
    string Name,
    string InstanceId,
    string ExecutionId,
    string? Input,
    ParentInstance? Parent = null,
    DateTimeOffset? ScheduledStartTime = null) : HistoryEvent(-1, Timestamp);

/// <summary>Who started a sub-orchestration and which of its task ids waits for the result.</summary>
public sealed record ParentInstance(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);

public sealed record ExecutionCompleted(
    DateTimeOffset Timestamp,
    OrchestrationRuntimeStatus Status,
    string? Result,
    FailureDetails? Failure) : HistoryEvent(-1, Timestamp);

public sealed record ExecutionTerminated(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);

public sealed record ExecutionSuspended(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);

public sealed record ExecutionResumed(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);

/// <summary>Last event of an execution that continued as new; the next execution starts with <paramref name="Input"/>.</summary>
public sealed record ContinuedAsNew(DateTimeOffset Timestamp, string? Input) : HistoryEvent(-1, Timestamp);

/// <summary>Marks the start of one episode; its timestamp is what <c>CurrentUtcDateTime</c> returns during that episode.</summary>
public sealed record OrchestratorStarted(DateTimeOffset Timestamp) : HistoryEvent(-1, Timestamp);

public sealed record OrchestratorCompleted(DateTimeOffset Timestamp) : HistoryEvent(-1, Timestamp);

public sealed record TaskScheduled(int EventId, DateTimeOffset Timestamp, string Name, string? Input)
    : HistoryEvent(EventId, Timestamp);

public sealed record TaskCompleted(DateTimeOffset Timestamp, int TaskScheduledId, string? Result)
    : HistoryEvent(-1, Timestamp);

public sealed record TaskFailed(DateTimeOffset Timestamp, int TaskScheduledId, FailureDetails Failure)
    : HistoryEvent(-1, Timestamp);

public sealed record SubOrchestrationCreated(int EventId, DateTimeOffset Timestamp, string Name, string InstanceId, string? Input)
    : HistoryEvent(EventId, Timestamp);

public sealed record SubOrchestrationCompleted(DateTimeOffset Timestamp, int TaskScheduledId, string? Result)
    : HistoryEvent(-1, Timestamp);

public sealed record SubOrchestrationFailed(DateTimeOffset Timestamp, int TaskScheduledId, FailureDetails Failure)
    : HistoryEvent(-1, Timestamp);

/// <summary>A durable timer. Long timers are delivered by the backend as a chain of shorter delays; only the final fire is recorded.</summary>
public sealed record TimerCreated(int EventId, DateTimeOffset Timestamp, DateTimeOffset FireAt)
    : HistoryEvent(EventId, Timestamp);

public sealed record TimerFired(DateTimeOffset Timestamp, int TimerId, DateTimeOffset FireAt)
    : HistoryEvent(-1, Timestamp);

/// <summary>An external event delivered to the instance (from a client or another orchestration).</summary>
/// <param name="DeliveryId">
/// Unique per raise (a client's raise, or one orchestration's EventSent). A second delivery of the same id, which
/// at-least-once queues allow, is dropped by the instance instead of counting as another event. Null: no de-duplication.
/// </param>
public sealed record EventRaised(DateTimeOffset Timestamp, string Name, string? Input, string? DeliveryId = null)
    : HistoryEvent(-1, Timestamp);

/// <summary>An orchestration raised an event on another instance.</summary>
public sealed record EventSent(int EventId, DateTimeOffset Timestamp, string InstanceId, string Name, string? Input)
    : HistoryEvent(EventId, Timestamp);
