namespace SesReview.Workflows.Audit;

/// <summary>The audit trail of every cycle: append-only, readable at any time by compliance staff.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Appends <paramref name="entry"/>. With a <paramref name="dedupKey"/> (e.g. a message key) a repeat of the append
    /// is a no-op: the first entry (its time and text) stands, so activities that run twice leave one entry.
    /// </summary>
    Task AppendAsync(AuditEntry entry, string? dedupKey = null, CancellationToken cancellationToken = default);

    /// <summary>Entries of one cycle, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string cycleId, CancellationToken cancellationToken = default);
}
