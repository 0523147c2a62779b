namespace Durable.Client;

/// <summary>One page of a query; pass <see cref="ContinuationToken"/> back to get the next (null: no more pages).</summary>
public sealed record OrchestrationMetadataPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
