using Durable.History;

namespace Durable.Backend;

/// <summary>Filter and page for listing instances. All filters are optional and combine with AND.</summary>
/// <param name="ContinuationToken">Opaque token from the previous page; null for the first page.</param>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool IncludeInputsAndOutputs = false);

public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);

/// <summary>Which terminal instances to purge. Non-terminal instances are never purged by filter.</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
