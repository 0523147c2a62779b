using Durable.Backend;
using Durable.History;
using Microsoft.Extensions.Logging;

namespace Durable.Core;

/// <summary>
/// Runs one orchestration execution by replay. The executor is fed history events in order (<see cref="Replay"/> for
/// committed ones, <see cref="RunEpisode"/> for a batch of new messages) and keeps the live orchestrator between
/// episodes, so a worker that caches it ("extended session") applies the next batch without replaying from scratch.
/// <para>
/// Scheduling actions (activity, sub-orchestration, timer, event sent) get sequence numbers in program order. During
/// replay each recorded scheduling event must match the action the code took at the same number (kind and name);
/// otherwise the instance fails with <see cref="NonDeterministicOrchestrationException"/>. Actions not yet in history
/// become new history events and outbound messages at the end of the episode.
/// </para>
/// <para>
/// Bounded fan-out: activity messages are released in schedule order while
/// released = min(scheduled, completedOrFailed + bound), both counted from history, so any replay derives the same
/// released set. A redelivered work item on a cold replay re-sends released activities that have no result yet.
/// </para>
/// Not thread-safe: one episode at a time (the backend's instance lock guarantees it).
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly int _activityBound;
    private readonly OrchestrationSynchronizationContext _syncContext = new();
    private readonly OrchestrationContextImpl _context;

    private readonly Dictionary<int, PendingAction> _unrecorded = [];
    private readonly Dictionary<int, ActionKind> _recordedActions = [];
    private readonly HashSet<int> _answeredIds = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<int, HistoryEvent> _openTimersAndChildren = [];
    private readonly List<TaskScheduled> _scheduledActivities = [];
    private int _activityResults;

    private readonly LinkedList<EventRaised> _bufferedEvents = new();
    private readonly HashSet<string> _deliveredEventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _suspendedBuffer = [];

    private ExecutionStarted? _started;
    private ITaskOrchestrator? _orchestrator;
    private Task<object?>? _resultTask;
    private int _nextSequence;
    private int _guidCounter;
    private bool _suspended;
    private bool _finished;
    private OrchestrationRuntimeStatus _finalStatus;
    private string? _output;
    private FailureDetails? _failure;
    private string? _customStatus;
    private (string? Input, bool Preserve)? _continueAsNew;
    private bool _continueAsNewRequested;
    private bool _nonDeterministic;
    private bool _finishCommitted;

    public OrchestrationExecutor(
        string instanceId,
        DurableTaskRegistry registry,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        int maxActivitiesInFlight)
    {
        InstanceId = instanceId;
        _registry = registry;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Durable.Orchestration");
        _activityBound = maxActivitiesInFlight <= 0 ? int.MaxValue : maxActivitiesInFlight;
        _context = new OrchestrationContextImpl(this);
    }

    public string InstanceId { get; }
    public string Name => _started?.Name ?? "";
    public string ExecutionId => _started?.ExecutionId ?? "";
    public ParentInstance? Parent => _started?.Parent;
    public string? Input => _started?.Input;
    public bool IsReplaying { get; private set; }
    public DateTimeOffset CurrentUtcDateTime { get; private set; }

    /// <summary>Number of committed history events this executor has applied (the extended-session cache key).</summary>
    public int HistoryCount { get; set; }

    /// <summary>True once the execution completed, failed, was terminated or continued as new.</summary>
    public bool IsFinished => _finished;

    internal string? CustomStatus => _customStatus;

    /// <summary>Replays committed history (cold start). Stops at the first non-determinism, which the next episode reports.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> pastEvents)
    {
        for (var i = 0; i < pastEvents.Count && !_finished; i++)
        {
            Process(pastEvents[i], replaying: true);
        }

        HistoryCount = pastEvents.Count;
    }

    /// <summary>
    /// Applies a batch of new messages as one episode and returns the checkpoint to commit.
    /// </summary>
    /// <param name="resendInFlight">Re-send the released-but-unanswered work (after a redelivery, when a crash may have lost it).</param>
    public OrchestrationCheckpoint RunEpisode(
        IReadOnlyList<TaskMessage> messages,
        OrchestrationState? previousState,
        DateTimeOffset now,
        bool resendInFlight)
    {
        var newEvents = new List<HistoryEvent>();
        var activityMessages = new List<TaskMessage>();
        var timerMessages = new List<TaskMessage>();
        var orchestratorMessages = new List<TaskMessage>();
        var carryOver = new List<TaskMessage>();
        var wasFinished = _finishCommitted;
        var releasedBefore = Released();

        var started = new OrchestratorStarted(now);
        newEvents.Add(started);
        Process(started, replaying: false);

        foreach (var message in OrderMessages(messages))
        {
            if (!Accept(message))
            {
                continue;
            }

            if (_finished)
            {
                if (message.Event is EventRaised raised && _continueAsNew is { Preserve: true })
                {
                    carryOver.Add(new TaskMessage(InstanceId, null, raised));
                }

                continue;
            }

            newEvents.Add(message.Event);
            Process(message.Event, replaying: false);
        }

        if (!wasFinished)
        {
            RecordNewActions(now, newEvents, timerMessages, orchestratorMessages);
        }

        if (!_finished)
        {
            var releasedAfter = Released();
            for (var i = releasedBefore; i < releasedAfter; i++)
            {
                activityMessages.Add(ActivityMessage(_scheduledActivities[i]));
            }

            if (resendInFlight)
            {
                Resend(releasedBefore, activityMessages, timerMessages, orchestratorMessages);
            }
        }

        ExecutionStarted? continueAsNewStart = null;
        if (_finished && !wasFinished)
        {
            if (_finalStatus == OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                var newExecutionId = DeterministicGuid.Create($"{InstanceId}|{ExecutionId}|continue-as-new").ToString("N");
                continueAsNewStart = new ExecutionStarted(now, Name, InstanceId, newExecutionId, _continueAsNew!.Value.Input, Parent);
                newEvents.Add(new ContinuedAsNew(now, _continueAsNew.Value.Input));
                if (_continueAsNew.Value.Preserve)
                {
                    carryOver.InsertRange(0, _bufferedEvents.Select(e => new TaskMessage(InstanceId, null, e)));
                }
            }
            else
            {
                newEvents.Add(new ExecutionCompleted(now, _finalStatus, _output, _failure));
                if (Parent is { } parent)
                {
                    HistoryEvent answer = _finalStatus == OrchestrationRuntimeStatus.Completed
                        ? new SubOrchestrationCompleted(now, parent.TaskScheduledId, _output)
                        : new SubOrchestrationFailed(now, parent.TaskScheduledId, _failure ?? new FailureDetails(
                            "OrchestrationTerminated", $"Sub-orchestration '{InstanceId}' was terminated: {DurableJson.Deserialize<string>(_output)}"));
                    orchestratorMessages.Add(new TaskMessage(parent.InstanceId, parent.ExecutionId, answer));
                }
            }
        }

        newEvents.Add(new OrchestratorCompleted(now));
        _finishCommitted |= _finished;

        var status = _finished ? _finalStatus
            : _suspended ? OrchestrationRuntimeStatus.Suspended
            : _started is null ? OrchestrationRuntimeStatus.Pending
            : OrchestrationRuntimeStatus.Running;

        var state = new OrchestrationState
        {
            InstanceId = InstanceId,
            ExecutionId = continueAsNewStart?.ExecutionId ?? ExecutionId,
            Name = Name,
            RuntimeStatus = status,
            CreatedAt = previousState?.CreatedAt ?? now,
            LastUpdatedAt = now,
            CompletedAt = status.IsTerminal() ? now : null,
            Input = continueAsNewStart is null ? Input : continueAsNewStart.Input,
            Output = status == OrchestrationRuntimeStatus.ContinuedAsNew ? null : _output,
            CustomStatus = _customStatus,
            Failure = _failure,
            Parent = Parent,
        };

        return new OrchestrationCheckpoint
        {
            NewEvents = newEvents,
            NewState = state,
            ActivityMessages = activityMessages,
            TimerMessages = timerMessages,
            OrchestratorMessages = orchestratorMessages,
            ContinueAsNewStart = continueAsNewStart,
            CarryOverMessages = carryOver,
        };
    }

    // ----------------------------------------------------------------- event processing

    private static IEnumerable<TaskMessage> OrderMessages(IReadOnlyList<TaskMessage> messages)
    {
        // The execution must start before anything else is applied, wherever its message sits in the batch.
        foreach (var message in messages)
        {
            if (message.Event is ExecutionStarted)
            {
                yield return message;
            }
        }

        foreach (var message in messages)
        {
            if (message.Event is not ExecutionStarted)
            {
                yield return message;
            }
        }
    }

    /// <summary>Drops duplicates, stale messages and answers to tasks this execution never scheduled.</summary>
    private bool Accept(TaskMessage message)
    {
        if (message.Event is ExecutionStarted)
        {
            return _started is null;
        }

        if (_started is null)
        {
            _logger.LogWarning("Instance {InstanceId}: dropping {Event} that arrived before the execution started.", InstanceId, message.Event.GetType().Name);
            return false;
        }

        if (message.ExecutionId is not null && message.ExecutionId != ExecutionId)
        {
            return false;
        }

        if (message.Event is EventRaised { DeliveryId: { } deliveryId } && _deliveredEventIds.Contains(deliveryId))
        {
            _logger.LogDebug("Instance {InstanceId}: dropping a second delivery of event {DeliveryId}.", InstanceId, deliveryId);
            return false;
        }

        return AnsweredId(message.Event) switch
        {
            null => true,
            var (id, kind) => _recordedActions.TryGetValue(id, out var recorded) && recorded == kind && !_answeredIds.Contains(id),
        };
    }

    private static (int Id, ActionKind Kind)? AnsweredId(HistoryEvent e) => e switch
    {
        TaskCompleted c => (c.TaskScheduledId, ActionKind.Activity),
        TaskFailed f => (f.TaskScheduledId, ActionKind.Activity),
        SubOrchestrationCompleted c => (c.TaskScheduledId, ActionKind.SubOrchestration),
        SubOrchestrationFailed f => (f.TaskScheduledId, ActionKind.SubOrchestration),
        TimerFired t => (t.TimerId, ActionKind.Timer),
        _ => null,
    };

    private void Process(HistoryEvent e, bool replaying)
    {
        switch (e)
        {
            case OrchestratorStarted os:
                CurrentUtcDateTime = os.Timestamp;
                IsReplaying = replaying;
                break;
            case OrchestratorCompleted:
                break;
            case ExecutionStarted es:
                if (_started is null)
                {
                    Start(es);
                }

                break;
            case ExecutionCompleted completed:
                Finish(completed.Status, completed.Result, completed.Failure);
                _finishCommitted = true;
                break;
            case ContinuedAsNew:
                Finish(OrchestrationRuntimeStatus.ContinuedAsNew, null, null);
                _finishCommitted = true;
                break;
            case TaskScheduled or SubOrchestrationCreated or TimerCreated or EventSent:
                Match(e);
                break;
            case ExecutionTerminated terminated:
                if (!_finished)
                {
                    Finish(OrchestrationRuntimeStatus.Terminated, DurableJson.Serialize(terminated.Reason ?? "Terminated"), null);
                }

                break;
            case EventRaised { DeliveryId: { } deliveryId } raised:
                _deliveredEventIds.Add(deliveryId);
                Deliver(raised);
                break;
            case ExecutionSuspended:
                if (!_finished)
                {
                    _suspended = true;
                }

                break;
            case ExecutionResumed:
                if (_suspended)
                {
                    _suspended = false;
                    var buffered = _suspendedBuffer.ToArray();
                    _suspendedBuffer.Clear();
                    foreach (var item in buffered)
                    {
                        Apply(item);
                    }
                }

                break;
            default:
                if (AnsweredId(e) is var (id, kind))
                {
                    _answeredIds.Add(id);
                    _openTimersAndChildren.Remove(id);
                    if (kind == ActionKind.Activity)
                    {
                        _activityResults++;
                    }
                }

                Deliver(e);
                break;
        }
    }

    /// <summary>Hands a result or event to the orchestrator code, or holds it while the instance is suspended.</summary>
    private void Deliver(HistoryEvent e)
    {
        if (_suspended)
        {
            _suspendedBuffer.Add(e);
        }
        else
        {
            Apply(e);
        }
    }

    private void Apply(HistoryEvent e)
    {
        if (_finished)
        {
            return;
        }

        RunOrchestratorCode(() =>
        {
            switch (e)
            {
                case TaskCompleted c when _openTasks.Remove(c.TaskScheduledId, out var open):
                    open.Complete(c.Result);
                    break;
                case TaskFailed f when _openTasks.Remove(f.TaskScheduledId, out var open):
                    open.Fail(f.Failure);
                    break;
                case SubOrchestrationCompleted c when _openTasks.Remove(c.TaskScheduledId, out var open):
                    open.Complete(c.Result);
                    break;
                case SubOrchestrationFailed f when _openTasks.Remove(f.TaskScheduledId, out var open):
                    open.Fail(f.Failure);
                    break;
                case TimerFired t when _openTasks.Remove(t.TimerId, out var open):
                    open.Complete(null);
                    break;
                case EventRaised raised:
                    DeliverEvent(raised);
                    break;
            }
        });
    }

    private void Start(ExecutionStarted es)
    {
        _started = es;
        try
        {
            if (!_registry.TryCreateOrchestrator(es.Name, _services, out var orchestrator))
            {
                Finish(OrchestrationRuntimeStatus.Failed, null, new FailureDetails(
                    "OrchestratorNotFound", $"No orchestrator named '{es.Name}' is registered with this worker."));
                return;
            }

            _orchestrator = orchestrator!;
            var input = DurableJson.Deserialize(es.Input, _orchestrator.InputType);
            RunOrchestratorCode(() => _resultTask = _orchestrator.RunAsync(_context, input));
        }
        catch (Exception ex)
        {
            Finish(OrchestrationRuntimeStatus.Failed, null, Failure(ex));
        }
    }

    private void RunOrchestratorCode(Action action)
    {
        try
        {
            _syncContext.Run(action);
        }
        catch (Exception ex)
        {
            Finish(OrchestrationRuntimeStatus.Failed, null, Failure(ex));
            return;
        }

        if (_resultTask is { IsCompleted: true } && !_finished)
        {
            if (_resultTask.IsFaulted)
            {
                Finish(OrchestrationRuntimeStatus.Failed, null, Failure(_resultTask.Exception!.InnerException ?? _resultTask.Exception));
            }
            else if (_resultTask.IsCanceled)
            {
                Finish(OrchestrationRuntimeStatus.Failed, null, new FailureDetails(
                    typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled."));
            }
            else if (_continueAsNewRequested)
            {
                Finish(OrchestrationRuntimeStatus.ContinuedAsNew, null, null);
            }
            else
            {
                Finish(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(_resultTask.Result, _orchestrator!.OutputType), null);
            }
        }
    }

    private void Finish(OrchestrationRuntimeStatus status, string? output, FailureDetails? failure)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _finalStatus = status;
        _output = output;
        _failure = failure;
    }

    private static FailureDetails Failure(Exception exception) => exception is TaskFailedException failed
        ? new FailureDetails(exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails)
        : FailureDetails.FromException(exception);

    // ----------------------------------------------------------------- matching history to code

    private void Match(HistoryEvent e)
    {
        if (_finished)
        {
            return;
        }

        var (kind, name) = Describe(e);
        if (!_unrecorded.Remove(e.EventId, out var action))
        {
            NonDeterminism(e, "nothing at that step");
            return;
        }

        if (action.Kind != kind || !string.Equals(action.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            NonDeterminism(e, Describe(action.Kind, action.Name));
            return;
        }

        Recorded(e, kind);
    }

    private void NonDeterminism(HistoryEvent expected, string actual)
    {
        var (kind, name) = Describe(expected);
        var exception = new NonDeterministicOrchestrationException(
            $"Non-deterministic orchestration '{Name}': history has {Describe(kind, name)} at #{expected.EventId} " +
            $"but the code scheduled {actual}. Running instances must keep the same sequence of scheduling calls; " +
            "deploy changed orchestrator code under a new name or version.");
        Finish(OrchestrationRuntimeStatus.Failed, null, FailureDetails.FromException(exception));
        _nonDeterministic = true;
    }

    private static (ActionKind Kind, string Name) Describe(HistoryEvent e) => e switch
    {
        TaskScheduled t => (ActionKind.Activity, t.Name),
        SubOrchestrationCreated s => (ActionKind.SubOrchestration, s.Name),
        TimerCreated => (ActionKind.Timer, ""),
        EventSent s => (ActionKind.EventSent, s.Name),
        _ => throw new ArgumentException($"{e.GetType().Name} is not a scheduling event.", nameof(e)),
    };

    private static string Describe(ActionKind kind, string name) => kind switch
    {
        ActionKind.Activity => $"TaskScheduled '{name}'",
        ActionKind.SubOrchestration => $"SubOrchestrationCreated '{name}'",
        ActionKind.Timer => "TimerCreated",
        _ => $"EventSent '{name}'",
    };

    private void Recorded(HistoryEvent e, ActionKind kind)
    {
        _recordedActions[e.EventId] = kind;
        switch (kind)
        {
            case ActionKind.Activity:
                _scheduledActivities.Add((TaskScheduled)e);
                break;
            case ActionKind.Timer or ActionKind.SubOrchestration:
                _openTimersAndChildren[e.EventId] = e;
                break;
        }
    }

    private void RecordNewActions(
        DateTimeOffset now, List<HistoryEvent> newEvents, List<TaskMessage> timerMessages, List<TaskMessage> orchestratorMessages)
    {
        if (_nonDeterministic || (_finished && _finalStatus == OrchestrationRuntimeStatus.Terminated))
        {
            _unrecorded.Clear();
            return;
        }

        foreach (var action in _unrecorded.Values.OrderBy(a => a.Id))
        {
            HistoryEvent e;
            switch (action.Kind)
            {
                case ActionKind.Activity:
                    e = new TaskScheduled(action.Id, now, action.Name, action.Input);
                    break;
                case ActionKind.SubOrchestration:
                    e = new SubOrchestrationCreated(action.Id, now, action.Name, action.TargetInstanceId!, action.Input);
                    orchestratorMessages.Add(SubOrchestrationStart((SubOrchestrationCreated)e));
                    break;
                case ActionKind.Timer:
                    e = new TimerCreated(action.Id, now, action.FireAt);
                    timerMessages.Add(TimerMessage((TimerCreated)e));
                    break;
                default:
                    e = new EventSent(action.Id, now, action.TargetInstanceId!, action.Name, action.Input);
                    orchestratorMessages.Add(new TaskMessage(action.TargetInstanceId!, null,
                        new EventRaised(now, action.Name, action.Input, $"{InstanceId}|{ExecutionId}|{action.Id}")));
                    break;
            }

            newEvents.Add(e);
            Recorded(e, action.Kind);
        }

        _unrecorded.Clear();
    }

    private int Released() => (int)Math.Min(_scheduledActivities.Count, (long)_activityResults + _activityBound);

    private void Resend(int released, List<TaskMessage> activities, List<TaskMessage> timers, List<TaskMessage> orchestrators)
    {
        for (var i = 0; i < released; i++)
        {
            if (!_answeredIds.Contains(_scheduledActivities[i].EventId))
            {
                activities.Add(ActivityMessage(_scheduledActivities[i]));
            }
        }

        foreach (var e in _openTimersAndChildren.Values)
        {
            switch (e)
            {
                case TimerCreated timer when timers.All(m => ((TimerFired)m.Event).TimerId != timer.EventId):
                    timers.Add(TimerMessage(timer));
                    break;
                case SubOrchestrationCreated child when orchestrators.All(m => m.InstanceId != child.InstanceId):
                    orchestrators.Add(SubOrchestrationStart(child));
                    break;
            }
        }
    }

    private TaskMessage ActivityMessage(TaskScheduled scheduled) => new(InstanceId, ExecutionId, scheduled);

    private TaskMessage TimerMessage(TimerCreated timer) =>
        new(InstanceId, ExecutionId, new TimerFired(timer.FireAt, timer.EventId, timer.FireAt), timer.FireAt);

    private TaskMessage SubOrchestrationStart(SubOrchestrationCreated created)
    {
        // Deterministic, so a re-sent start is recognised as a duplicate by the backend.
        var childExecutionId = DeterministicGuid.Create($"{InstanceId}|{ExecutionId}|{created.EventId}").ToString("N");
        return new TaskMessage(created.InstanceId, childExecutionId, new ExecutionStarted(
            created.Timestamp, created.Name, created.InstanceId, childExecutionId, created.Input,
            new ParentInstance(Name, InstanceId, ExecutionId, created.EventId)));
    }

    // ----------------------------------------------------------------- called by the context (orchestrator thread)

    internal Task<T> ScheduleTask<T>(ActionKind kind, string name, string? input, string? targetInstanceId = null)
    {
        var id = _nextSequence++;
        if (kind == ActionKind.SubOrchestration)
        {
            targetInstanceId ??= $"{InstanceId}:{id:D4}";
        }

        _unrecorded[id] = new PendingAction(id, kind, name, input, targetInstanceId, default);
        var open = new OpenTask<T>(name, id);
        _openTasks[id] = open;
        return open.Source.Task;
    }

    internal Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var id = _nextSequence++;
        _unrecorded[id] = new PendingAction(id, ActionKind.Timer, "", null, null, fireAt);
        var open = new OpenTask<object?>("timer", id);
        _openTasks[id] = open;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => open.Source.TrySetCanceled(cancellationToken));
        }

        return open.Source.Task;
    }

    internal void SendEvent(string instanceId, string eventName, object? payload)
    {
        var id = _nextSequence++;
        _unrecorded[id] = new PendingAction(id, ActionKind.EventSent, eventName, DurableJson.Serialize(payload), instanceId, default);
    }

    internal Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (TryTakeBuffered(eventName, out var buffered))
        {
            try
            {
                return Task.FromResult(DurableJson.Deserialize<T>(buffered.Input)!);
            }
            catch (Exception ex)
            {
                return Task.FromException<T>(ex);
            }
        }

        var waiter = new EventWaiter<T>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            _waiters[eventName] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiter.Source.TrySetCanceled(cancellationToken) && node.List is not null)
                {
                    list.Remove(node);
                }
            });
        }

        return waiter.Source.Task;
    }

    internal bool HasBufferedEvent(string eventName) =>
        _bufferedEvents.Any(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));

    private bool TryTakeBuffered(string eventName, out EventRaised raised)
    {
        for (var node = _bufferedEvents.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, eventName, StringComparison.OrdinalIgnoreCase))
            {
                raised = node.Value;
                _bufferedEvents.Remove(node);
                return true;
            }
        }

        raised = null!;
        return false;
    }

    private void DeliverEvent(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var list))
        {
            while (list.First is { } node)
            {
                list.RemoveFirst();
                if (node.Value.TryDeliver(raised.Input))
                {
                    return;
                }
            }
        }

        _bufferedEvents.AddLast(raised);
    }

    internal void SetCustomStatus(object? status) => _customStatus = DurableJson.Serialize(status);

    internal void ContinueAsNew(object? input, bool preserveUnprocessedEvents)
    {
        _continueAsNewRequested = true;
        _continueAsNew = (DurableJson.Serialize(input), preserveUnprocessedEvents);
    }

    internal Guid NewGuid() => DeterministicGuid.Create($"{InstanceId}|{CurrentUtcDateTime:o}|{_guidCounter++}");

    internal ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(logger, () => IsReplaying);

    internal ILogger CreateReplaySafeLogger(string category) => CreateReplaySafeLogger(_loggerFactory.CreateLogger(category));

    internal T? GetInput<T>() => DurableJson.Deserialize<T>(Input);

    // ----------------------------------------------------------------- small types

    internal enum ActionKind
    {
        Activity,
        SubOrchestration,
        Timer,
        EventSent,
    }

    private sealed record PendingAction(int Id, ActionKind Kind, string Name, string? Input, string? TargetInstanceId, DateTimeOffset FireAt);

    private abstract class OpenTask(string name, int id)
    {
        protected string Name { get; } = name;
        protected int Id { get; } = id;
        public abstract void Complete(string? json);
        public abstract void Fail(FailureDetails failure);
    }

    private sealed class OpenTask<T>(string name, int id) : OpenTask(name, id)
    {
        public TaskCompletionSource<T> Source { get; } = new();

        public override void Complete(string? json)
        {
            try
            {
                Source.TrySetResult(DurableJson.Deserialize<T>(json)!);
            }
            catch (Exception ex)
            {
                Source.TrySetException(ex);
            }
        }

        public override void Fail(FailureDetails failure) => Source.TrySetException(new TaskFailedException(Name, Id, failure));
    }

    private abstract class EventWaiter
    {
        public abstract bool TryDeliver(string? json);
    }

    private sealed class EventWaiter<T> : EventWaiter
    {
        public TaskCompletionSource<T> Source { get; } = new();

        public override bool TryDeliver(string? json)
        {
            if (Source.Task.IsCompleted)
            {
                return false;
            }

            try
            {
                Source.TrySetResult(DurableJson.Deserialize<T>(json)!);
            }
            catch (Exception ex)
            {
                Source.TrySetException(ex);
            }

            return true;
        }
    }
}
