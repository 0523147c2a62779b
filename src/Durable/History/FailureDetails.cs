namespace Durable.History;

/// <summary>Why an activity, sub-orchestration or orchestration failed; carried in history and status.</summary>
public sealed record FailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, FailureDetails? InnerFailure = null)
{
    public static FailureDetails FromException(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
}
