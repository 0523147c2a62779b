using Durable.Backend;
using Durable.Core;
using Durable.History;
using Durable.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durable.Worker;

/// <summary>
/// Runs orchestrations and activities from one task hub: an orchestration dispatcher
/// (<see cref="DurableTaskOptions.MaxConcurrentOrchestrations"/> loops) and an activity dispatcher
/// (<see cref="DurableTaskOptions.MaxConcurrentActivities"/> loops). Several workers may share a hub.
/// <list type="bullet">
/// <item>One episode applies every message pending for the instance; live executors are cached between episodes
/// (<see cref="DurableTaskOptions.ExtendedSessionCacheSize"/>), falling back to full replay on a miss.</item>
/// <item>Work items handed out more than <see cref="DurableTaskOptions.MaxDequeueCount"/> times are poison: the
/// activity is answered with a failure, the orchestration is failed, with a reason the client sees.</item>
/// <item>Locks are renewed at half of <see cref="DurableTaskOptions.WorkItemLockTimeout"/>; a lost lock drops the
/// cached state and the work item (another worker owns it now).</item>
/// </list>
/// Orchestration time (<c>CurrentUtcDateTime</c>, timer due times) comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationService _service;
    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ExecutorCache _cache;
    private readonly object _stopGate = new();
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];
    private Task _stopped = Task.CompletedTask;

    public DurableTaskWorker(
        IOrchestrationService service,
        DurableTaskRegistry registry,
        DurableTaskOptions options,
        IServiceProvider services,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _service = service;
        _registry = registry;
        _options = options.Validate();
        _services = services;
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<DurableTaskWorker>();
        _cache = new ExecutorCache(options.ExtendedSessionCacheSize);
    }

    /// <summary>Executors currently cached (diagnostics and tests).</summary>
    public int CachedInstanceCount => _cache.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The worker is already started.");
        }

        await _service.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var stopping = new CancellationTokenSource();
        var token = stopping.Token;
        lock (_stopGate)
        {
            _stopping = stopping;
            _loops =
            [
                .. Enumerable.Range(0, _options.MaxConcurrentOrchestrations).Select(_ => Task.Run(() => OrchestrationLoopAsync(token), CancellationToken.None)),
                .. Enumerable.Range(0, _options.MaxConcurrentActivities).Select(_ => Task.Run(() => ActivityLoopAsync(token), CancellationToken.None)),
            ];
        }
        _logger.LogInformation("Durable task worker started on hub {Hub}: {Orchestrations} orchestration and {Activities} activity slots.",
            _options.HubName, _options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities);
    }

    /// <summary>
    /// Stops polling; running activities see their context's token cancelled and are abandoned (re-delivered later).
    /// Safe to call more than once and from several threads at once (hosts stop hosted services from two places): every
    /// caller waits for the same stop, until <paramref name="cancellationToken"/> gives up waiting.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task stop;
        lock (_stopGate)
        {
            if (_stopping is { } stopping)
            {
                _stopping = null;
                _stopped = StopLoopsAsync(stopping, _loops);
                _loops = [];
            }
            stop = _stopped;
        }
        try
        {
            await stop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task StopLoopsAsync(CancellationTokenSource stopping, Task[] loops)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    // ----------------------------------------------------------------- orchestrations

    private async Task OrchestrationLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            OrchestrationWorkItem? workItem;
            try
            {
                workItem = await _service.LockNextOrchestrationWorkItemAsync(_options.MaxQueuePollingInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Polling for orchestration work failed; retrying.");
                await PauseAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (workItem is not null)
            {
                await ProcessOrchestrationAsync(workItem, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken stopping)
    {
        using var renewal = new LockRenewal(ct => _service.RenewOrchestrationWorkItemAsync(workItem, ct), _options.WorkItemLockTimeout, _logger);
        OrchestrationExecutor? executor = null;
        try
        {
            var now = _time.GetUtcNow();
            OrchestrationCheckpoint checkpoint;
            var hasStart = workItem.NewMessages.Any(m => m.Event is ExecutionStarted);
            if (workItem.DequeueCount > _options.MaxDequeueCount)
            {
                _cache.Evict(workItem.InstanceId);
                checkpoint = PoisonCheckpoint(workItem, now);
            }
            else if (!hasStart && (workItem.State is { RuntimeStatus: var status } && status.IsTerminal() || workItem.PastEvents.Count == 0))
            {
                // Late answers to a finished instance, or messages for an instance that never started: consume, change nothing.
                if (workItem.State is null)
                {
                    await _service.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                _logger.LogDebug("Instance {InstanceId}: dropping {Count} message(s) for a finished or unstarted execution.", workItem.InstanceId, workItem.NewMessages.Count);
                checkpoint = new OrchestrationCheckpoint { NewEvents = [], NewState = workItem.State };
            }
            else
            {
                var executionId = workItem.PastEvents.Take(3).OfType<ExecutionStarted>().FirstOrDefault()?.ExecutionId;
                executor = executionId is null ? null : _cache.Take(workItem.InstanceId, executionId, workItem.PastEvents.Count);
                var cold = executor is null;
                if (executor is null)
                {
                    executor = new OrchestrationExecutor(workItem.InstanceId, _registry, _services, _loggerFactory, _options.MaxActivitiesInFlightPerOrchestration);
                    executor.Replay(workItem.PastEvents);
                }

                checkpoint = executor.RunEpisode(workItem.NewMessages, workItem.State, now, resendInFlight: cold && workItem.DequeueCount > 1);
            }

            await _service.CompleteOrchestrationWorkItemAsync(workItem, checkpoint, CancellationToken.None).ConfigureAwait(false);
            if (executor is not null && !executor.IsFinished)
            {
                executor.HistoryCount = workItem.PastEvents.Count + checkpoint.NewEvents.Count;
                _cache.Put(executor);
            }
        }
        catch (WorkItemLockLostException ex)
        {
            _cache.Evict(workItem.InstanceId);
            _logger.LogWarning(ex, "Instance {InstanceId}: lock lost; the episode was discarded.", workItem.InstanceId);
        }
        catch (Exception ex)
        {
            _cache.Evict(workItem.InstanceId);
            _logger.LogError(ex, "Instance {InstanceId}: episode failed; abandoning the work item.", workItem.InstanceId);
            await TryAsync(() => _service.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private OrchestrationCheckpoint PoisonCheckpoint(OrchestrationWorkItem workItem, DateTimeOffset now)
    {
        var started = workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStarted>().FirstOrDefault()
            ?? workItem.PastEvents.Take(3).OfType<ExecutionStarted>().FirstOrDefault();
        var failure = new FailureDetails(
            "PoisonMessage",
            $"The orchestration work item for instance '{workItem.InstanceId}' was dequeued {workItem.DequeueCount} times " +
            $"(maxDequeueCount {_options.MaxDequeueCount}) without completing; the instance was failed instead of retrying forever. " +
            $"Pending messages: {string.Join(", ", workItem.NewMessages.Select(m => m.Event.GetType().Name))}.");
        _logger.LogError("Instance {InstanceId}: poison work item. {Reason}", workItem.InstanceId, failure.ErrorMessage);

        var previous = workItem.State ?? new OrchestrationState
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = started?.ExecutionId ?? "",
            Name = started?.Name ?? "",
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = started?.Input,
            Parent = started?.Parent,
        };

        var messages = new List<TaskMessage>();
        if ((started?.Parent ?? previous.Parent) is { } parent && !previous.RuntimeStatus.IsTerminal())
        {
            messages.Add(new TaskMessage(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(now, parent.TaskScheduledId, failure)));
        }

        return new OrchestrationCheckpoint
        {
            NewEvents = previous.RuntimeStatus.IsTerminal()
                ? []
                : [new OrchestratorStarted(now), new ExecutionCompleted(now, OrchestrationRuntimeStatus.Failed, null, failure), new OrchestratorCompleted(now)],
            NewState = previous.RuntimeStatus.IsTerminal()
                ? previous
                : previous with { RuntimeStatus = OrchestrationRuntimeStatus.Failed, Failure = failure, LastUpdatedAt = now, CompletedAt = now },
            OrchestratorMessages = messages,
        };
    }

    // ----------------------------------------------------------------- activities

    private async Task ActivityLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            ActivityWorkItem? workItem;
            try
            {
                workItem = await _service.LockNextActivityWorkItemAsync(_options.MaxQueuePollingInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Polling for activity work failed; retrying.");
                await PauseAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (workItem is not null)
            {
                await ProcessActivityAsync(workItem, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessActivityAsync(ActivityWorkItem workItem, CancellationToken stopping)
    {
        var scheduled = workItem.Scheduled;
        var message = workItem.Message;
        TaskMessage response;
        if (workItem.DequeueCount > _options.MaxDequeueCount)
        {
            var failure = new FailureDetails(
                "PoisonMessage",
                $"Activity '{scheduled.Name}' (task #{scheduled.EventId} of instance '{message.InstanceId}') was dequeued " +
                $"{workItem.DequeueCount} times (maxDequeueCount {_options.MaxDequeueCount}) without completing; it was failed instead of retrying forever.");
            _logger.LogError("Poison activity message: {Reason}", failure.ErrorMessage);
            response = new TaskMessage(message.InstanceId, message.ExecutionId, new TaskFailed(_time.GetUtcNow(), scheduled.EventId, failure));
        }
        else
        {
            using var renewal = new LockRenewal(ct => _service.RenewActivityWorkItemAsync(workItem, ct), _options.WorkItemLockTimeout, _logger);
            try
            {
                response = await RunActivityAsync(workItem, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await TryAsync(() => _service.AbandonActivityWorkItemAsync(workItem, CancellationToken.None)).ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await _service.CompleteActivityWorkItemAsync(workItem, response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WorkItemLockLostException ex)
        {
            _logger.LogWarning(ex, "Activity '{Name}' of instance {InstanceId}: lock lost; the result was discarded (the activity will run again).",
                scheduled.Name, message.InstanceId);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Activity '{Name}' of instance {InstanceId}: saving the result failed; abandoning.", scheduled.Name, message.InstanceId);
            await TryAsync(() => _service.AbandonActivityWorkItemAsync(workItem, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task<TaskMessage> RunActivityAsync(ActivityWorkItem workItem, CancellationToken stopping)
    {
        var scheduled = workItem.Scheduled;
        var message = workItem.Message;
        HistoryEvent result;
        try
        {
            await using var scope = _services.CreateAsyncScope();
            if (!_registry.TryCreateActivity(scheduled.Name, scope.ServiceProvider, out var activity))
            {
                throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered with this worker.");
            }

            var input = DurableJson.Deserialize(scheduled.Input, activity!.InputType);
            var context = new TaskActivityContext(scheduled.Name, message.InstanceId, message.ExecutionId, scheduled.EventId, workItem.DequeueCount, stopping);
            var output = await activity.RunAsync(context, input).ConfigureAwait(false);
            result = new TaskCompleted(_time.GetUtcNow(), scheduled.EventId, DurableJson.Serialize(output, activity.OutputType));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            result = new TaskFailed(_time.GetUtcNow(), scheduled.EventId, FailureDetails.FromException(ex));
        }

        return new TaskMessage(message.InstanceId, message.ExecutionId, result);
    }

    // ----------------------------------------------------------------- helpers

    private static async Task PauseAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Releasing a work item failed; it becomes visible again when its lock expires.");
        }
    }

    /// <summary>Renews a lock at half its timeout (real time) until disposed.</summary>
    private sealed class LockRenewal : IDisposable
    {
        private readonly CancellationTokenSource _cts = new();

        public LockRenewal(Func<CancellationToken, Task> renew, TimeSpan lockTimeout, ILogger logger)
        {
            var interval = lockTimeout / 2;
            var token = _cts.Token;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        await Task.Delay(interval, token).ConfigureAwait(false);
                        await renew(token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Lock renewal failed; the work item may be taken by another worker.");
                }
            }, CancellationToken.None);
        }

        public void Dispose()
        {
            _cts.Cancel();
            _cts.Dispose();
        }
    }
}
