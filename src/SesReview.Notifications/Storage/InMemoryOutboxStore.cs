using System.Collections.Concurrent;

namespace SesReview.Notifications.Storage;

/// <summary>An outbox in memory; for tests.</summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly ConcurrentDictionary<(string, string), OutboxRecord> _rows = new();

    public Task<bool> TryAddAsync(OutboxRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryAdd((record.PartitionKey, record.RowKey), record));

    public Task<OutboxRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((partitionKey, rowKey), out var r) ? r : null);

    public Task<(IReadOnlyList<OutboxRecordSummary> Rows, int Total)> ListAsync(string? partitionKey, int skip, int take, CancellationToken cancellationToken)
    {
        var matching = _rows.Values.Where(r => partitionKey is null || r.PartitionKey == partitionKey).ToList();
        IReadOnlyList<OutboxRecordSummary> page = matching
            .OrderByDescending(r => r.SentAt).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Skip(skip).Take(take)
            .Select(OutboxSummaries.Of)
            .ToList();
        return Task.FromResult((page, matching.Count));
    }
}

internal static class OutboxSummaries
{
    public static OutboxRecordSummary Of(OutboxRecord r) =>
        new(r.PartitionKey, r.RowKey, r.OutboxId, r.Message.CycleId, r.Message.MessageKey, r.Message.Kind, r.Message.To,
            r.Message.Subject, r.SentAt, r.Message.Attachments.Count, r.AttachmentSha256, r.Message.Action);
}
