namespace SesReview.Workflows.Cycles;

/// <summary>A request that cannot be carried out; <see cref="Errors"/> names every field at fault. Nothing was saved or started.</summary>
public sealed class CycleRequestException(IReadOnlyList<FieldError> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
