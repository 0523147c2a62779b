namespace SesReview.Workflows.Cycles;

/// <summary>One problem with a request, naming the field (JSON path such as <c>approvers[2].email</c>).</summary>
public sealed record FieldError(string Field, string Message);
