namespace SesReview.Workflows.Approvals;

/// <summary>Where a request came from, for the audit trail.</summary>
/// <param name="Channel"><c>web</c> for the task pages, <c>api</c> for the HTTP API.</param>
public sealed record RequestOrigin(string Channel, string? SourceAddress)
{
    public static RequestOrigin Web(string? sourceAddress) => new("web", sourceAddress);
    public static RequestOrigin Api(string? sourceAddress) => new("api", sourceAddress);
}
