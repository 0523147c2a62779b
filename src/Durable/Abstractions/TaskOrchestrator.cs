namespace Durable;

/// <summary>
/// Class-based orchestrator. A new object is created (through DI) for every execution and for every full replay,
/// so keep state in locals, not fields that must survive an episode. Registered under its class name by default.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);
    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);
}
