using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace SesReview.Functions.Durable;

/// <summary>Runs a Workflows activity class from an activity trigger, as the self-host's worker would run it.</summary>
public static class ActivityInvocation
{
    /// <summary>
    /// Resolves <typeparamref name="TActivity"/> from the invocation's services (a new one per execution, as registered by
    /// <c>AddSesReviewWorkflows</c>) and runs it with the invocation's durable client bound (activities ask it whether their cycle still runs).
    /// </summary>
    public static async Task<TOut> RunAsync<TActivity, TIn, TOut>(FunctionContext function, TIn input, DurableTaskClient client)
        where TActivity : TaskActivity<TIn, TOut>
    {
        var activity = function.InstanceServices.GetRequiredService<TActivity>();
        using (InvocationDurableTaskClient.Use(client))
        {
            return await activity.RunAsync(FunctionActivityContext.For(function), input);
        }
    }
}
