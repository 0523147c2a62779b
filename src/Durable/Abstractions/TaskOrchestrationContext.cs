using Microsoft.Extensions.Logging;

namespace Durable;

/// <summary>
/// What an orchestrator sees while it runs (mirrors the Durable Task SDK's <c>TaskOrchestrationContext</c>).
/// <para>
/// Orchestrator code is replayed from history after every await that crossed an episode, so it must be
/// deterministic: use <see cref="CurrentUtcDateTime"/> instead of the clock, <see cref="NewGuid"/> instead of
/// <see cref="Guid.NewGuid"/>, activities for I/O, and never <c>ConfigureAwait(false)</c>, <c>Task.Run</c>,
/// <c>Task.Delay</c> or threads: the engine runs continuations on its own single-threaded synchronization context,
/// which is what makes <see cref="Task.WhenAll(Task[])"/> and <see cref="Task.WhenAny(Task[])"/> replay identically.
/// </para>
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>Name the orchestrator was registered under.</summary>
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>Changes on every execution (a new one starts after <see cref="ContinueAsNew"/>).</summary>
    public abstract string ExecutionId { get; }

    /// <summary>Id of the parent instance when this runs as a sub-orchestration; otherwise null.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>True while the code re-executes steps already recorded in history. Do side effects only when false.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Replay-safe "now" (UTC): the time the current episode started, as recorded in history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The orchestration input deserialized as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>
    /// Schedules an activity and returns its result. The activity runs at least once (possibly more often after a
    /// crash), so activities with outside effects must be idempotent (see <see cref="TaskActivityContext.IdempotencyKey"/>).
    /// With <paramref name="options"/>.Retry the orchestration retries failed attempts after durable timers.
    /// </summary>
    /// <exception cref="TaskFailedException">The activity (every attempt) failed.</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>
    /// Starts another orchestration as a child and returns its output. <paramref name="instanceId"/> defaults to
    /// a deterministic id derived from this instance's id and the task id.
    /// </summary>
    /// <exception cref="TaskFailedException">The child failed or was terminated.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(
        string orchestratorName, object? input = null, string? instanceId = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, string? instanceId = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, instanceId, options);

    /// <summary>
    /// A durable timer: survives restarts and may be of any length (the backend delivers long timers in hops).
    /// Cancelling <paramref name="cancellationToken"/> completes the returned task as cancelled; the timer message
    /// still arrives later and is ignored.
    /// </summary>
    public abstract Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        CreateTimer(new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)), cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(new DateTimeOffset(CurrentUtcDateTime, TimeSpan.Zero) + delay, cancellationToken);

    /// <summary>
    /// Waits for an external event by name (case-insensitive). Events that arrive before anyone waits are buffered
    /// in arrival order and handed to the first waiter; each event satisfies exactly one waiter.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/> with a durable timeout. As in Durable
    /// Functions, when the timeout elapses first the task fails with <see cref="TaskCanceledException"/>
    /// (catch it, or <see cref="OperationCanceledException"/>, to handle "no answer in time").
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Raises an event on another instance (fire and forget; recorded as <c>EventSent</c>).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the status a client sees in <c>OrchestrationMetadata.SerializedCustomStatus</c>; saved at the end of the episode.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution when the orchestrator returns and starts a fresh one (empty history) with
    /// <paramref name="newInput"/>. With <paramref name="preserveUnprocessedEvents"/>, external events received but
    /// not yet consumed are re-delivered to the new execution.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (name-based, from instance id, episode time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Wraps <paramref name="logger"/> so that it writes nothing while <see cref="IsReplaying"/>.</summary>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);

    /// <summary>A replay-safe logger from the worker's <see cref="ILoggerFactory"/>.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    public ILogger CreateReplaySafeLogger(ILoggerFactory loggerFactory, string categoryName) =>
        CreateReplaySafeLogger(loggerFactory.CreateLogger(categoryName));
}
