using Microsoft.DurableTask.Client;
using SesReview.Workflows.Cycles;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Whether a cycle still runs. Task sub-orchestrations outlive a cancelled or failed cycle until they are terminated,
/// so their activities ask before writing to anyone.
/// </summary>
public sealed class CycleLiveness(CycleStore store, DurableTaskClient client)
{
    public async Task<bool> IsLiveAsync(string cycleId, CancellationToken ct)
    {
        var record = await store.GetCycleAsync(cycleId, ct);
        if (record is null || record.CancelReason is not null) return false;
        var instance = await client.GetInstanceAsync(cycleId, cancellation: ct);
        return instance is { IsCompleted: false };
    }
}
