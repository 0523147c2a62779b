using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using DtfxActivity = DurableTask.Core.TaskActivity;

namespace SesReview.DurableHosting;

/// <summary>
/// Runs every orchestrator and activity of a <see cref="DurableTaskRegistry"/> on a DTFx <see cref="TaskHubWorker"/>,
/// in-process, through the SDK's public <see cref="DurableTaskShimFactory"/> (the same shims the gRPC worker uses).
/// A hosted service: <see cref="StartAsync"/> creates the task hub if missing and starts the dispatchers;
/// <see cref="StopAsync"/> stops them gracefully and may be called more than once, also concurrently.
/// </summary>
/// <remarks>
/// Names are looked up without version (the shims schedule activities with the orchestration's version). An
/// orchestrator that is not registered, or whose construction throws, fails its instance with the reason in the
/// failure details: DTFx would otherwise abandon the message and retry it for ever. Activities are created in a new
/// DI scope per execution. Failures travel as failure details (<see cref="ErrorPropagationMode.UseFailureDetails"/>),
/// so <see cref="TaskFailedException.FailureDetails"/> carries the activity's error type and message.
/// </remarks>
public sealed class DurableTaskFrameworkWorker : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly IOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task? _starting;
    private Task? _stopping;

    public DurableTaskFrameworkWorker(
        IOrchestrationService service,
        DurableTaskRegistry registry,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        DataConverter? dataConverter = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _service = service;
        _logger = loggerFactory.CreateLogger<DurableTaskFrameworkWorker>();

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = dataConverter ?? JsonDataConverter.Default }, loggerFactory);
        var orchestrations = new NameOnlyObjectManager<TaskOrchestration>(name => new FailingOrchestration(
            new InvalidOperationException($"No orchestrator named '{name}' is registered with this worker.")));
        var activities = new NameOnlyObjectManager<DtfxActivity>(_ => null);
        foreach (var (name, create) in registry.GetOrchestrators())
            orchestrations.Add(name.Name, () => new ShimmedOrchestration(shims, name, create, services));
        foreach (var (name, create) in registry.GetActivities())
            activities.Add(name.Name, () => new ScopedActivity(shims, name, create, services));

        _worker = new TaskHubWorker(service, orchestrations, activities, loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        // DTFx creates the orchestration object without its runtime state; hand it the parent instance (for
        // TaskOrchestrationContext.Parent) before the dispatcher executes that same object.
        _worker.AddOrchestrationDispatcherMiddleware(async (context, next) =>
        {
            if (context.GetProperty<TaskOrchestration>() is ShimmedOrchestration orchestration &&
                context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance is { } parent)
            {
                orchestration.Parent = new ParentOrchestrationInstance(new TaskName(parent.Name), parent.OrchestrationInstance.InstanceId);
            }

            await next().ConfigureAwait(false);
        });
    }

    /// <summary>Creates the task hub (queues, tables, containers) if missing, then starts the worker.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping is not null) throw new InvalidOperationException("The durable task worker has been stopped.");
            return _starting ??= StartCoreAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the worker gracefully (in-flight work items finish, partitions are released). Every call returns the same
    /// stop; <paramref name="cancellationToken"/> ends only this caller's wait.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Task stopping;
        lock (_gate)
        {
            stopping = _stopping ??= StopCoreAsync(_starting);
        }

        return stopping.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _worker.Dispose();
    }

    /// <summary>As <see cref="DisposeAsync"/>, blocking until the worker has stopped.</summary>
    public void Dispose()
    {
        StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _worker.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await _worker.StartAsync().ConfigureAwait(false);
        _logger.LogInformation("Durable task worker started.");
    }

    private async Task StopCoreAsync(Task? starting)
    {
        if (starting is null) return;
        try
        {
            await starting.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Durable task worker did not start; nothing to stop.");
            return;
        }

        await _worker.StopAsync(isForced: false).ConfigureAwait(false);
        _logger.LogInformation("Durable task worker stopped.");
    }

    /// <summary>Looks objects up by name only (case-insensitive, as DTFx names are); unknown names go to <c>missing</c>.</summary>
    private sealed class NameOnlyObjectManager<T>(Func<string, T?> missing) : INameVersionObjectManager<T>
        where T : class
    {
        private readonly Dictionary<string, ObjectCreator<T>> _creators = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string name, Func<T> create) => Add(new Creator(name, create));

        public void Add(ObjectCreator<T> creator)
        {
            if (!_creators.TryAdd(creator.Name, creator))
                throw new InvalidOperationException($"'{creator.Name}' is registered twice.");
        }

        public T? GetObject(string name, string? version) =>
            _creators.TryGetValue(name, out var creator) ? creator.Create() : missing(name);

        private sealed class Creator : ObjectCreator<T>
        {
            private readonly Func<T> _create;

            public Creator(string name, Func<T> create)
            {
                Name = name;
                Version = string.Empty;
                _create = create;
            }

            public override T Create() => _create();
        }
    }

    /// <summary>
    /// Fails its instance with <c>error</c>. A faulted task, never a synchronous throw: DTFx fails the instance for the
    /// former and abandons the message (to be retried for ever) for the latter.
    /// </summary>
    private sealed class FailingOrchestration(Exception error) : TaskOrchestration
    {
        public override Task<string> Execute(OrchestrationContext context, string input) => Task.FromException<string>(error);

        public override string GetStatus() => null!;

        public override void RaiseEvent(OrchestrationContext context, string name, string input)
        {
        }
    }

    /// <summary>
    /// One object per DTFx execution (kept across an extended session). Creates the orchestrator and its shim on the
    /// first <see cref="Execute"/>, after the middleware has set <see cref="Parent"/>.
    /// </summary>
    private sealed class ShimmedOrchestration(
        DurableTaskShimFactory shims, TaskName name, Func<IServiceProvider, ITaskOrchestrator> create, IServiceProvider services)
        : TaskOrchestration
    {
        private TaskOrchestration? _shim;

        public ParentOrchestrationInstance? Parent { get; set; }

        public override Task<string> Execute(OrchestrationContext context, string input)
        {
            try
            {
                _shim ??= shims.CreateOrchestration(name, create(services), Parent);
                return _shim.Execute(context, input);
            }
            catch (Exception e)
            {
                return Task.FromException<string>(new InvalidOperationException(
                    $"Orchestrator '{name.Name}' could not be created or started: {e.GetType().FullName}: {e.Message}", e));
            }
        }

        public override string GetStatus() => _shim?.GetStatus()!;

        public override void RaiseEvent(OrchestrationContext context, string name, string input) =>
            _shim?.RaiseEvent(context, name, input);
    }

    /// <summary>An activity created in its own async DI scope per execution and run through the shim.</summary>
    private sealed class ScopedActivity(
        DurableTaskShimFactory shims, TaskName name, Func<IServiceProvider, ITaskActivity> create, IServiceProvider services)
        : DtfxActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously (RunAsync).");

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            await using var scope = services.CreateAsyncScope();
            var activity = shims.CreateActivity(name, create(scope.ServiceProvider));
            return await activity.RunAsync(context, input).ConfigureAwait(false);
        }
    }
}
