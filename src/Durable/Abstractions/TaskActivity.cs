namespace Durable;

/// <summary>
/// Class-based activity: the unit of real work (I/O, side effects). Resolved from DI per execution
/// (<c>ActivatorUtilities</c>), so constructor-inject its services. Runs <b>at least once</b>; an activity with an
/// outside effect must be idempotent by <see cref="TaskActivityContext.IdempotencyKey"/> (instance id + task id).
/// An exception fails the task; the orchestrator sees <see cref="TaskFailedException"/>.
/// </summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);
    Type ITaskActivity.OutputType => typeof(TOutput);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);
}
