using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace SesReview.Functions.Durable;

/// <summary>The <see cref="TaskActivityContext"/> a Workflows activity sees when a Functions activity trigger runs it.</summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    /// <summary>The function's name is the activity's; the host sends the orchestration's instance id as binding data <c>instanceId</c>.</summary>
    public static FunctionActivityContext For(FunctionContext function) => new(
        function.FunctionDefinition.Name,
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString()! : "");
}
