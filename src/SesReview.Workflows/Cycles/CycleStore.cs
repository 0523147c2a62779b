using System.Text.Json;
using SesReview.Storage;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Cycles;

/// <summary>
/// The records of every cycle: the cycle row, assessed positions, tasks, decisions, proposals, sign-offs, the package
/// and the submission. Each table is partitioned by cycle id, so one cycle's rows are read with one query.
/// </summary>
public sealed class CycleStore(IRecordStorage storage)
{
    private const string CyclePartition = "cycle";
    private readonly IRecordTable _cycles = storage.Table(TableNames.Cycles);
    private readonly IRecordTable _positions = storage.Table(TableNames.Positions);
    private readonly IRecordTable _tasks = storage.Table(TableNames.Tasks);
    private readonly IRecordTable _decisions = storage.Table(TableNames.Decisions);
    private readonly IRecordTable _proposals = storage.Table(TableNames.Proposals);
    private readonly IRecordTable _signOffs = storage.Table(TableNames.SignOffs);
    private readonly IRecordTable _submissions = storage.Table(TableNames.Submissions);
    private readonly IBlobStore _packages = storage.Blobs(TableNames.PackageContainer);

    private static string Pk(string cycleId) => StorageKeys.Escape(cycleId);
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);
    private static T Read<T>(StoredRecord record) => JsonSerializer.Deserialize<T>(record.Json, WorkflowJson.Options)!;

    // ---- cycles
    public Task<bool> TryAddCycleAsync(CycleRecord cycle, CancellationToken ct = default) =>
        _cycles.TryInsertAsync(CyclePartition, StorageKeys.Escape(cycle.Input.CycleId), Json(cycle), ct);

    public Task SaveCycleAsync(CycleRecord cycle, CancellationToken ct = default) =>
        _cycles.UpsertAsync(CyclePartition, StorageKeys.Escape(cycle.Input.CycleId), Json(cycle), ct);

    public async Task<CycleRecord?> GetCycleAsync(string cycleId, CancellationToken ct = default) =>
        await _cycles.GetAsync(CyclePartition, StorageKeys.Escape(cycleId), ct) is { } r ? Read<CycleRecord>(r) : null;

    /// <summary>The cycle's input; throws when the cycle does not exist (an activity of a cycle always has one).</summary>
    public async Task<CycleInput> RequireCycleAsync(string cycleId, CancellationToken ct = default) =>
        (await GetCycleAsync(cycleId, ct))?.Input ?? throw new InvalidOperationException($"Cycle '{cycleId}' does not exist.");

    public async Task<IReadOnlyList<CycleRecord>> ListCyclesAsync(CancellationToken ct = default) =>
        [.. (await _cycles.ListAsync(CyclePartition, ct)).Select(Read<CycleRecord>)];

    // ---- assessed positions
    public Task SavePositionsAsync(string cycleId, IEnumerable<AssessedPosition> positions, CancellationToken ct = default) =>
        _positions.UpsertManyAsync(Pk(cycleId), [.. positions.Select(p => KeyValuePair.Create(StorageKeys.Escape(p.PositionId), Json(p)))], ct);

    public async Task<IReadOnlyList<AssessedPosition>> ListPositionsAsync(string cycleId, CancellationToken ct = default) =>
        [.. (await _positions.ListAsync(Pk(cycleId), ct)).Select(Read<AssessedPosition>)];

    /// <summary>
    /// One page of a cycle's positions in row-key order (the order of <see cref="ListPositionsAsync"/>) and how many there are
    /// in all: the keys are listed without the documents, then only the page's rows are read.
    /// </summary>
    public async Task<(IReadOnlyList<AssessedPosition> Page, int Total)> ListPositionsPageAsync(string cycleId, int skip, int take, CancellationToken ct = default)
    {
        var keys = await _positions.ListRowKeysAsync(Pk(cycleId), ct);
        if (skip >= keys.Count || take <= 0) return ([], keys.Count);
        var last = Math.Min(keys.Count, skip + take) - 1;
        var rows = await _positions.ListRangeAsync(Pk(cycleId), keys[skip], keys[last], ct);
        return ([.. rows.Select(Read<AssessedPosition>)], keys.Count);
    }

    /// <summary>
    /// Some positions of a cycle by id (point reads, 16 at a time), in the order given; missing ones are left out. A task
    /// page needs its own few dozen positions, not the cycle's thousands.
    /// </summary>
    public async Task<IReadOnlyList<AssessedPosition>> GetPositionsAsync(string cycleId, IReadOnlyList<string> positionIds, CancellationToken ct = default)
    {
        var found = new AssessedPosition?[positionIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, positionIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, c) => found[i] = await _positions.GetAsync(Pk(cycleId), StorageKeys.Escape(positionIds[i]), c) is { } r ? Read<AssessedPosition>(r) : null);
        return [.. found.OfType<AssessedPosition>()];
    }

    // ---- tasks
    public Task<bool> TryAddTaskAsync(ApprovalTask task, CancellationToken ct = default) =>
        _tasks.TryInsertAsync(Pk(task.CycleId), StorageKeys.Escape(task.TaskId), Json(task), ct);

    public async Task<ApprovalTask?> GetTaskAsync(string cycleId, string taskId, CancellationToken ct = default) =>
        await _tasks.GetAsync(Pk(cycleId), StorageKeys.Escape(taskId), ct) is { } r ? Read<ApprovalTask>(r) : null;

    /// <summary>The task; throws when it does not exist (an activity of a task always has one).</summary>
    public async Task<ApprovalTask> RequireTaskAsync(string cycleId, string taskId, CancellationToken ct = default) =>
        await GetTaskAsync(cycleId, taskId, ct) ?? throw new InvalidOperationException($"Task '{taskId}' of cycle '{cycleId}' does not exist.");

    public async Task<IReadOnlyList<ApprovalTask>> ListTasksAsync(string cycleId, CancellationToken ct = default) =>
        [.. (await _tasks.ListAsync(Pk(cycleId), ct)).Select(Read<ApprovalTask>)];

    public async Task<TaskVersion?> ReadTaskVersionAsync(string cycleId, string taskId, CancellationToken ct = default) =>
        await _tasks.GetAsync(Pk(cycleId), StorageKeys.Escape(taskId), ct) is { } r ? new TaskVersion(Read<ApprovalTask>(r), r) : null;

    /// <summary>Replaces the task if nobody changed it since <paramref name="read"/>; false on a conflict (ETag).</summary>
    public Task<bool> TryReplaceTaskAsync(TaskVersion read, ApprovalTask changed, CancellationToken ct = default) =>
        _tasks.TryReplaceAsync(read.Row, Json(changed), ct);

    /// <summary>
    /// Read-modify-write of one task, retried on a concurrent change (ETag). <paramref name="change"/> returns null to
    /// leave the task as it is. Returns the task as stored afterwards (null when it does not exist).
    /// </summary>
    public async Task<ApprovalTask?> UpdateTaskAsync(string cycleId, string taskId, Func<ApprovalTask, ApprovalTask?> change, CancellationToken ct = default)
    {
        for (int attempt = 0; ; attempt++)
        {
            var record = await _tasks.GetAsync(Pk(cycleId), StorageKeys.Escape(taskId), ct);
            if (record is null) return null;
            var current = Read<ApprovalTask>(record);
            var changed = change(current);
            if (changed is null || changed == current) return current;
            if (await _tasks.TryReplaceAsync(record, Json(changed), ct)) return changed;
            if (attempt >= 20) throw new InvalidOperationException($"Task '{taskId}' of cycle '{cycleId}' keeps changing under concurrent updates.");
        }
    }

    // ---- decisions (one row per position: the latest decision)
    public Task SaveDecisionsAsync(string cycleId, IEnumerable<DecisionRecord> decisions, CancellationToken ct = default) =>
        _decisions.UpsertManyAsync(Pk(cycleId), [.. decisions.Select(d => KeyValuePair.Create(StorageKeys.Escape(d.PositionId), Json(d)))], ct);

    /// <summary>
    /// Writes each decision unless its row already holds one of the same or a later submission (conditional per row), so
    /// a slow writer of an older submission cannot overwrite a newer decision, and rewriting a submission changes nothing.
    /// </summary>
    public Task SaveDecisionsOfSubmissionAsync(string cycleId, IReadOnlyList<DecisionRecord> decisions, CancellationToken ct = default) =>
        WriteUnlessNewerAsync(_decisions, Pk(cycleId), [.. decisions.Select(d => (StorageKeys.Escape(d.PositionId), Json(d), d.Submission))],
            json => Read<DecisionRecord>(json).Submission, ct);

    public async Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(string cycleId, CancellationToken ct = default) =>
        [.. (await _decisions.ListAsync(Pk(cycleId), ct)).Select(Read<DecisionRecord>)];

    /// <summary>The decisions on a page of positions: those from <paramref name="firstPositionId"/> to <paramref name="lastPositionId"/> in row-key order.</summary>
    public async Task<IReadOnlyList<DecisionRecord>> ListDecisionsRangeAsync(string cycleId, string firstPositionId, string lastPositionId, CancellationToken ct = default) =>
        [.. (await _decisions.ListRangeAsync(Pk(cycleId), StorageKeys.Escape(firstPositionId), StorageKeys.Escape(lastPositionId), ct)).Select(Read<DecisionRecord>)];

    // ---- proposals (row per component and pay plan; redesignations per position)
    public Task SaveProposalsAsync(string cycleId, IEnumerable<ProposalRecord> proposals, IEnumerable<RedesignationRecord> redesignations, CancellationToken ct = default) =>
        _proposals.UpsertManyAsync(Pk(cycleId),
            [.. proposals.Select(p => KeyValuePair.Create("a-" + StorageKeys.Escape($"{p.Component}|{p.PayPlan}"), Json(p))),
             .. redesignations.Select(r => KeyValuePair.Create("r-" + StorageKeys.Escape(r.PositionId), Json(r)))], ct);

    /// <summary>As <see cref="SaveDecisionsOfSubmissionAsync"/>, for proposals and redesignations.</summary>
    public Task SaveProposalsOfSubmissionAsync(string cycleId, IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<RedesignationRecord> redesignations, CancellationToken ct = default) =>
        WriteUnlessNewerAsync(_proposals, Pk(cycleId),
            [.. proposals.Select(p => ("a-" + StorageKeys.Escape($"{p.Component}|{p.PayPlan}"), Json(p), p.Submission)),
             .. redesignations.Select(r => ("r-" + StorageKeys.Escape(r.PositionId), Json(r), r.Submission))],
            row => row.RowKey.StartsWith("a-", StringComparison.Ordinal) ? Read<ProposalRecord>(row).Submission : Read<RedesignationRecord>(row).Submission, ct);

    private static async Task WriteUnlessNewerAsync(
        IRecordTable table, string pk, IReadOnlyList<(string RowKey, string Json, int Submission)> rows, Func<StoredRecord, int> submissionOf, CancellationToken ct)
    {
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (row, c) =>
        {
            for (int attempt = 0; ; attempt++)
            {
                var stored = await table.GetAsync(pk, row.RowKey, c);
                if (stored is not null && submissionOf(stored) >= row.Submission) return;
                if (stored is null ? await table.TryInsertAsync(pk, row.RowKey, row.Json, c) : await table.TryReplaceAsync(stored, row.Json, c)) return;
                if (attempt >= 20) throw new InvalidOperationException($"Row '{row.RowKey}' keeps changing under concurrent writes.");
            }
        });
    }

    public async Task<(IReadOnlyList<ProposalRecord> Proposals, IReadOnlyList<RedesignationRecord> Redesignations)> ListProposalsAsync(string cycleId, CancellationToken ct = default)
    {
        var rows = await _proposals.ListAsync(Pk(cycleId), ct);
        return ([.. rows.Where(r => r.RowKey.StartsWith("a-", StringComparison.Ordinal)).Select(Read<ProposalRecord>)],
                [.. rows.Where(r => r.RowKey.StartsWith("r-", StringComparison.Ordinal)).Select(Read<RedesignationRecord>)]);
    }

    // ---- sign-offs (one per round; the first answer of a round stands)
    public Task<bool> TryAddSignOffAsync(string cycleId, SignOffRecord signOff, CancellationToken ct = default) =>
        _signOffs.TryInsertAsync(Pk(cycleId), signOff.Round.ToString("D4"), Json(signOff), ct);

    public async Task<IReadOnlyList<SignOffRecord>> ListSignOffsAsync(string cycleId, CancellationToken ct = default) =>
        [.. (await _signOffs.ListAsync(Pk(cycleId), ct)).Select(Read<SignOffRecord>)];

    // ---- package
    public async Task<PackageRecord> SavePackageAsync(string cycleId, PackageRecord package, byte[] content, CancellationToken ct = default)
    {
        await _packages.PutAsync(package.BlobName, content, PackageFile.ContentType, ct);
        await _submissions.UpsertAsync(Pk(cycleId), "package", Json(package), ct);
        return package;
    }

    public async Task<PackageRecord?> GetPackageAsync(string cycleId, CancellationToken ct = default) =>
        await _submissions.GetAsync(Pk(cycleId), "package", ct) is { } r ? Read<PackageRecord>(r) : null;

    public async Task<PackageFile?> GetPackageFileAsync(string cycleId, CancellationToken ct = default)
    {
        var package = await GetPackageAsync(cycleId, ct);
        if (package is null) return null;
        var bytes = await _packages.GetAsync(package.BlobName, ct);
        return bytes is null ? null : new PackageFile(package.FileName, bytes, package.Sha256);
    }

    // ---- submission
    public Task SaveSubmissionAsync(string cycleId, SubmissionRecord submission, CancellationToken ct = default) =>
        _submissions.TryInsertAsync(Pk(cycleId), "submission", Json(submission), ct);

    public async Task<SubmissionRecord?> GetSubmissionAsync(string cycleId, CancellationToken ct = default) =>
        await _submissions.GetAsync(Pk(cycleId), "submission", ct) is { } r ? Read<SubmissionRecord>(r) : null;
}
