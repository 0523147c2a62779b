using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SesReview.Storage;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Audit;

/// <summary>The audit trail in a table: partition = cycle id, row key = time-ordered (ticks, then a unique suffix).</summary>
public sealed class AuditTrail(IRecordStorage storage) : IAuditTrail
{
    private readonly IRecordTable _table = storage.Table(TableNames.Audit);

    public async Task AppendAsync(AuditEntry entry, string? dedupKey = null, CancellationToken cancellationToken = default)
    {
        string json = JsonSerializer.Serialize(entry, WorkflowJson.Options);
        string pk = StorageKeys.Escape(entry.CycleId);
        if (dedupKey is null)
        {
            await _table.TryInsertAsync(pk, StorageKeys.Chronological(entry.At, Guid.NewGuid().ToString("N")), json, cancellationToken);
            return;
        }
        // A repeated append carries a later time, so the row key cannot hold the time: a marker row keyed by the hash
        // claims the key first, then the entry is written under the time of the first claim.
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32];
        var at = entry.At;
        if (!await _table.TryInsertAsync(pk, "dedup-" + hash, JsonSerializer.Serialize(entry.At, WorkflowJson.Options), cancellationToken)
            && await _table.GetAsync(pk, "dedup-" + hash, cancellationToken) is { } claim)
            at = JsonSerializer.Deserialize<DateTimeOffset>(claim.Json, WorkflowJson.Options);
        // Insert-only: the first text stands; a repeat after a crash between the claim and this write fills the gap.
        await _table.TryInsertAsync(pk, StorageKeys.Chronological(at, hash), JsonSerializer.Serialize(entry with { At = at }, WorkflowJson.Options), cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var rows = await _table.ListAsync(StorageKeys.Escape(cycleId), cancellationToken);
        return [.. rows.Where(r => !r.RowKey.StartsWith("dedup-", StringComparison.Ordinal))
            .Select(r => JsonSerializer.Deserialize<AuditEntry>(r.Json, WorkflowJson.Options)!)];
    }
}
