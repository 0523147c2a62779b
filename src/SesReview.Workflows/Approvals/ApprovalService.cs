using Microsoft.DurableTask.Client;
using SesReview.Domain.AllocationReview;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Settings;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// The logic behind the task pages. Writes go to the task's records first and only then wake the task's orchestration,
/// so a crash in between loses nothing: the record is the source of truth and the orchestration re-reads it (also at
/// its next reminder). A repeated POST with the same content records nothing new.
/// </summary>
public sealed class ApprovalService(
    ApprovalTokens tokens,
    CycleStore store,
    DurableTaskClient client,
    IInventoryUploads uploads,
    AllocationCalculator allocations,
    AllocationReviewOptions allocationOptions,
    DesignationReviewOptions designationOptions,
    IAuditTrail audit,
    TimeProvider time) : IApprovalService
{
    private sealed record Access(TaskAccess Result, string? Message, ApprovalTask? Task = null, CycleInput? Cycle = null, TaskTokenClaims? Claims = null);

    public async Task<TaskPage> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result != TaskAccess.Ok) return TaskPage.Denied(access.Result, access.Message!);
        return new TaskPage(TaskAccess.Ok, null, await ViewAsync(access.Task!, access.Cycle!, cancellationToken));
    }

    public async Task<SubmitOutcome> SubmitDecisionsAsync(string token, IReadOnlyList<DecisionInput> decisions, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result != TaskAccess.Ok) return SubmitOutcome.Denied(access.Result, access.Message!);
        var (task, cycle) = (access.Task!, access.Cycle!);
        if (task.Kind != TaskKind.Decision) return SubmitOutcome.Invalid([new("decisions", "this task does not take position decisions")]);

        var errors = new List<FieldError>();
        var mine = task.PositionIds.ToHashSet(StringComparer.Ordinal);
        if (decisions.Count == 0) errors.Add(new("decisions", "choose revert or retain for at least one position"));
        foreach (var group in decisions.GroupBy(d => d.PositionId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new($"decision[{group.Key}]", "appears more than once"));
        foreach (var d in decisions)
        {
            if (!mine.Contains(d.PositionId)) errors.Add(new($"decision[{d.PositionId}]", "is not a position of this task"));
            else if (d.Action is not (ProposedAction.RevertToGeneral or ProposedAction.RequestRetention))
                errors.Add(new($"decision[{d.PositionId}]", "must be revert or retain"));
            else if (d.Action == ProposedAction.RequestRetention && (d.Justification?.Trim().Length ?? 0) < designationOptions.MinimumRetentionJustificationLength)
                errors.Add(new($"justification[{d.PositionId}]",
                    $"a retention request needs a justification of at least {designationOptions.MinimumRetentionJustificationLength} characters (has {d.Justification?.Trim().Length ?? 0})"));
        }
        if (errors.Count > 0) return SubmitOutcome.Invalid(errors);

        return await CommitSubmissionAsync(task, "decisions", async (current, ct) =>
        {
            var existing = (await store.ListDecisionsAsync(cycle.CycleId, ct)).ToDictionary(d => d.PositionId, StringComparer.Ordinal);
            var changed = decisions.Where(d => !(existing.TryGetValue(d.PositionId, out var e) && e.Round == current.Round && e.Action == d.Action
                && string.Equals(e.Justification ?? "", Justification(d) ?? "", StringComparison.Ordinal))).ToList();
            if (changed.Count == 0)
            {
                // Decisions of numbered submissions got their entries before the submission was marked applied; older
                // ones (saved before submissions were numbered) may lack theirs if a request stopped in between.
                await AuditDecisionsAsync(current, [.. decisions.Select(d => existing[d.PositionId]).Where(r => r.Submission == 0)], ct);
                return SubmissionStep.Unchanged(await RepeatAsync(current, "These decisions were already recorded; nothing changed.", ct));
            }
            return SubmissionStep.Write((sequence, now) =>
            {
                var records = changed.Select(d => new DecisionRecord(d.PositionId, current.TaskId, current.Round, d.Action, Justification(d),
                    current.Approver.Email, current.Approver.Name, now, origin.Channel, origin.SourceAddress, sequence)).ToList();
                var decided = existing.Values.Where(d => d.Round >= current.Round).Select(d => d.PositionId)
                    .Concat(records.Select(r => r.PositionId)).ToHashSet(StringComparer.Ordinal);
                int left = current.PositionIds.Count(p => !decided.Contains(p));
                return new SubmissionCommit(new TaskSubmission(sequence, now, origin.Channel, origin.SourceAddress, Applied: false, records, [], []),
                    CompletesTask: left == 0,
                    left == 0
                        ? $"Recorded {records.Count} decisions. Every position of this task is decided — thank you."
                        : $"Recorded {records.Count} decisions; {left} positions still need a decision.");
            });
        }, cancellationToken);
    }

    public async Task<SubmitOutcome> SubmitProposalsAsync(
        string token, IReadOnlyList<ProposalInput> proposals, IReadOnlyList<RedesignationInput> redesignations, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result != TaskAccess.Ok) return SubmitOutcome.Denied(access.Result, access.Message!);
        var (task, cycle) = (access.Task!, access.Cycle!);
        if (task.Kind != TaskKind.Proposal) return SubmitOutcome.Invalid([new("proposals", "this task does not take allocation proposals")]);

        var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, cancellationToken);
        var lines = allocations.CurrentLines(inventory, cycle.Agency, cycle.AsOf).Where(l => task.Components.Contains(l.Component)).ToList();
        var errors = new List<FieldError>();
        foreach (var p in proposals)
        {
            string field = $"adjustment[{p.Component}|{p.PayPlan}]";
            var line = lines.FirstOrDefault(l => l.Component == p.Component && l.PayPlan == p.PayPlan);
            if (line is null) { errors.Add(new(field, "is not an allocation of this task's components")); continue; }
            if (line.Allocated + p.Adjustment < 0) errors.Add(new(field, $"would leave {line.Allocated + p.Adjustment} positions; the allocation is {line.Allocated}"));
            if (p.Adjustment != 0 && string.IsNullOrWhiteSpace(p.Justification))
                errors.Add(new($"justification[{p.Component}|{p.PayPlan}]", "is required for an adjustment"));
            if (line.VacancyRate > allocationOptions.VacancyExplanationThreshold && string.IsNullOrWhiteSpace(p.Reason) && string.IsNullOrWhiteSpace(p.Justification))
                errors.Add(new($"reason[{p.Component}|{p.PayPlan}]", $"vacancy is {PercentText.OneDecimal(line.VacancyRate)}, above {PercentText.OneDecimal(allocationOptions.VacancyExplanationThreshold)}: explain it"));
        }
        // The page sends every line; a line that does not arrive is refused rather than recorded as "no change",
        // so that a hand-made or truncated POST cannot close the task with lines nobody answered.
        foreach (var missing in lines.Where(l => !proposals.Any(p => p.Component == l.Component && p.PayPlan == l.PayPlan)))
            errors.Add(new($"adjustment[{missing.Component}|{missing.PayPlan}]", "is missing: give the change for every line (0 for no change)"));
        foreach (var group in proposals.GroupBy(p => (p.Component, p.PayPlan)).Where(g => g.Count() > 1))
            errors.Add(new($"adjustment[{group.Key.Component}|{group.Key.PayPlan}]", "appears more than once"));
        var byId = inventory.Positions.ToDictionary(p => p.PositionId, StringComparer.Ordinal);
        foreach (var r in redesignations)
        {
            string field = $"redesignation[{r.PositionId}]";
            if (!byId.TryGetValue(r.PositionId, out var position) || position.PayPlan != PayPlan.ES || position.Agency != cycle.Agency || !task.Components.Contains(position.Component))
                errors.Add(new(field, "is not an ES position of this task's components"));
            if (string.IsNullOrWhiteSpace(r.Justification)) errors.Add(new($"{field}.justification", "is required"));
        }
        if (errors.Count > 0) return SubmitOutcome.Invalid(errors);

        return await CommitSubmissionAsync(task, "proposals", async (current, ct) =>
        {
            var (stored, storedRedesignations) = await store.ListProposalsAsync(cycle.CycleId, ct);
            bool same = (proposals.All(p => stored.Any(s => s.Round == current.Round && s.Component == p.Component && s.PayPlan == p.PayPlan
                && s.Adjustment == p.Adjustment && s.Reason == Clean(p.Reason) && s.Justification == Clean(p.Justification)))
                && redesignations.All(r => storedRedesignations.Any(s => s.Round == current.Round && s.PositionId == r.PositionId && s.To == r.To && s.Justification == r.Justification.Trim()))
                && stored.Any(s => s.TaskId == current.TaskId && s.Round == current.Round));
            if (same)
            {
                // As for decisions: only records saved before submissions were numbered may lack their entries.
                await AuditProposalsAsync(current, [.. stored.Where(p => p.TaskId == current.TaskId && p.Round == current.Round && p.Submission == 0)],
                    [.. storedRedesignations.Where(r => r.TaskId == current.TaskId && r.Round == current.Round && r.Submission == 0)], origin, ct);
                return SubmissionStep.Unchanged(await RepeatAsync(current, "These proposals were already recorded; nothing changed.", ct));
            }
            return SubmissionStep.Write((sequence, now) =>
            {
                var records = proposals.Select(p => new ProposalRecord(p.Component, p.PayPlan, p.Adjustment, Clean(p.Reason), Clean(p.Justification), current.TaskId, current.Round, current.Approver.Email, now, sequence)).ToList();
                // A line left without a proposal is recorded as "no change", so that the round shows the component head answered.
                records.AddRange(lines.Where(l => !proposals.Any(p => p.Component == l.Component && p.PayPlan == l.PayPlan))
                    .Select(l => new ProposalRecord(l.Component, l.PayPlan, 0, null, null, current.TaskId, current.Round, current.Approver.Email, now, sequence)));
                var redesignationRecords = redesignations.Select(r => new RedesignationRecord(
                    r.PositionId, byId[r.PositionId].Component, r.To, r.Justification.Trim(), current.TaskId, current.Round, current.Approver.Email, now, sequence)).ToList();
                return new SubmissionCommit(new TaskSubmission(sequence, now, origin.Channel, origin.SourceAddress, Applied: false, [], records, redesignationRecords),
                    CompletesTask: true, $"Recorded the proposals for {string.Join(", ", current.Components)}.");
            });
        }, cancellationToken);
    }

    public async Task<SubmitOutcome> SignOffAsync(string token, bool approve, string? note, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result != TaskAccess.Ok) return SubmitOutcome.Denied(access.Result, access.Message!);
        var (task, cycle) = (access.Task!, access.Cycle!);
        if (task.Kind != TaskKind.SignOff) return SubmitOutcome.Invalid([new("action", "this task is not a sign-off")]);
        if (!approve && string.IsNullOrWhiteSpace(note)) return SubmitOutcome.Invalid([new("note", "say what should change when sending the package back")]);

        var now = time.GetUtcNow();
        var record = new SignOffRecord(task.Round, approve, Clean(note), task.Approver.Email, task.Approver.Name, now, origin.SourceAddress);
        if (!await store.TryAddSignOffAsync(cycle.CycleId, record, cancellationToken))
        {
            var first = (await store.ListSignOffsAsync(cycle.CycleId, cancellationToken)).First(s => s.Round == task.Round);
            await AuditSignOffAsync(cycle.CycleId, first, origin.Channel, cancellationToken);
            await store.UpdateTaskAsync(cycle.CycleId, task.TaskId, t => t.State == TaskState.Open ? t with { State = TaskState.Completed, CompletedAt = first.At } : null, cancellationToken);
            return await RepeatAsync(task, first.Approved == approve
                ? "Your answer was already recorded; nothing changed."
                : $"This round was already answered ({(first.Approved ? "approved" : "sent back")} at {first.At:u}); nothing changed.", cancellationToken);
        }
        await AuditSignOffAsync(cycle.CycleId, record, origin.Channel, cancellationToken);
        await store.UpdateTaskAsync(cycle.CycleId, task.TaskId, t => t.State == TaskState.Open ? t with { State = TaskState.Completed, CompletedAt = now } : null, cancellationToken);
        await client.RaiseEventAsync(task.InstanceId, EventNames.TaskChanged, new TaskSignal(), cancellationToken);
        return SubmitOutcome.Done(approve ? "Approved. The package will be emailed to OPM." : "Sent back. The approvers get their tasks again with your note.");
    }

    public async Task<SubmitOutcome> DelegateAsync(string token, Person to, string? note, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result == TaskAccess.Forbidden && access.Task is { } held && access.Claims is { } claims
            && held.Delegations.LastOrDefault() is { } last && last.From.IsSameAs(claims.ApproverEmail) && last.To.IsSameAs(to?.Email))
        {
            await AuditDelegationAsync(held, held.Delegations.Count, origin, cancellationToken);
            return await RepeatAsync(held, $"The task was already handed to {last.To.Name}; nothing changed.", cancellationToken);
        }
        if (access.Result != TaskAccess.Ok) return SubmitOutcome.Denied(access.Result, access.Message!);
        var (task, cycle) = (access.Task!, access.Cycle!);

        var errors = new List<FieldError>();
        CycleService.CheckPerson(to, "delegate", errors, required: true);
        if (errors.Count == 0 && task.Approver.IsSameAs(to!.Email)) errors.Add(new("delegate.email", "is the person who holds the task now"));
        if (errors.Count > 0) return SubmitOutcome.Invalid(errors);
        if (task.State != TaskState.Open) return SubmitOutcome.Denied(TaskAccess.Gone, "This task is closed and cannot be delegated.");

        var now = time.GetUtcNow();
        var delegate_ = new Person(to!.Name.Trim(), to.Email.Trim().ToLowerInvariant(), string.IsNullOrWhiteSpace(to.TeamsUserId) ? null : to.TeamsUserId.Trim());
        // Read-modify-write under the task's ETag: of concurrent delegations by the holder, one changes hands.
        ApprovalTask? ours = null;
        var updated = await store.UpdateTaskAsync(cycle.CycleId, task.TaskId, t => !t.Approver.IsSameAs(task.Approver.Email) || t.State != TaskState.Open ? null : ours = t with
        {
            Approver = delegate_,
            Delegations = [.. t.Delegations, new Delegation(t.Approver, delegate_, now, Clean(note))],
        }, cancellationToken);
        if (updated is null) return SubmitOutcome.Denied(TaskAccess.NotFound, "There is no such task.");
        if (!ReferenceEquals(updated, ours))
        {
            if (updated.Delegations.LastOrDefault() is { } won && won.From.IsSameAs(task.Approver.Email) && won.To.IsSameAs(delegate_.Email))
            {
                await AuditDelegationAsync(updated, updated.Delegations.Count, origin, cancellationToken);
                return await RepeatAsync(updated, $"The task was already handed to {won.To.Name}; nothing changed.", cancellationToken);
            }
            return updated.State != TaskState.Open
                ? SubmitOutcome.Denied(TaskAccess.Gone, "This task is closed and cannot be delegated.")
                : SubmitOutcome.Denied(TaskAccess.Forbidden, "The task changed hands meanwhile.");
        }
        await AuditDelegationAsync(updated, updated.Delegations.Count, origin, cancellationToken);
        await client.RaiseEventAsync(task.InstanceId, EventNames.TaskChanged, new TaskSignal(), cancellationToken);
        return SubmitOutcome.Done($"The task is now {delegate_.Name}'s; they will get their own link. This link no longer works.");
    }

    public async Task<(TaskAccess Access, PackageFile? File)> GetPackageAsync(string token, CancellationToken cancellationToken = default)
    {
        var access = await ResolveAsync(token, cancellationToken);
        if (access.Result != TaskAccess.Ok) return (access.Result, null);
        if (access.Task!.Kind != TaskKind.SignOff) return (TaskAccess.Forbidden, null);
        var file = await store.GetPackageFileAsync(access.Cycle!.CycleId, cancellationToken);
        return (file is null ? TaskAccess.NotFound : TaskAccess.Ok, file);
    }

    private const int MaxAttempts = 20;

    /// <summary>What a submission writes once it wins: the submission, whether it completes the task, the answer shown.</summary>
    private sealed record SubmissionCommit(TaskSubmission Submission, bool CompletesTask, string Message);

    /// <summary>One attempt's finding against the task as stored: nothing new to record (answer at once), or what to commit.</summary>
    private sealed record SubmissionStep(SubmitOutcome? Answer, Func<int, DateTimeOffset, SubmissionCommit>? Commit)
    {
        public static SubmissionStep Unchanged(SubmitOutcome answer) => new(answer, null);
        public static SubmissionStep Write(Func<int, DateTimeOffset, SubmissionCommit> commit) => new(null, commit);
    }

    /// <summary>
    /// Commits a submission of decisions or proposals. The task record is the one point of serialization: a submission
    /// commits by a conditional replace of it (ETag), so of concurrent submissions one wins; the others re-read and answer
    /// from what the winner recorded. <paramref name="step"/> compares the input with the records for each attempt.
    /// </summary>
    private async Task<SubmitOutcome> CommitSubmissionAsync(
        ApprovalTask task, string what, Func<ApprovalTask, CancellationToken, Task<SubmissionStep>> step, CancellationToken ct)
    {
        int? submissionsAtStart = null;
        for (int attempt = 0; ; attempt++)
        {
            var read = await ReadSettledAsync(task, ct);
            if (read is null) return SubmitOutcome.Denied(TaskAccess.NotFound, "There is no such task.");
            var current = read.Task;
            if (Refusal(current, task) is { } refused) return refused;
            submissionsAtStart ??= current.Submissions;

            var found = await step(current, ct);
            if (found.Answer is { } answer) return answer;
            if (current.Submissions != submissionsAtStart) return Superseded(current, what);
            if (current.State != TaskState.Open) return SubmitOutcome.Denied(TaskAccess.Gone, $"This task is closed; {what} can no longer be changed.");

            var now = time.GetUtcNow();
            var commit = found.Commit!(current.Submissions + 1, now);
            var committed = current with
            {
                Submissions = current.Submissions + 1,
                LastSubmission = commit.Submission,
                State = commit.CompletesTask ? TaskState.Completed : TaskState.Open,
                CompletedAt = commit.CompletesTask ? now : current.CompletedAt,
            };
            if (!await store.TryReplaceTaskAsync(read, committed, ct))
            {
                if (attempt >= MaxAttempts) throw new InvalidOperationException($"Task '{task.TaskId}' keeps changing under concurrent updates.");
                continue;
            }
            await ApplyAsync(committed, commit.Submission, ct);
            await client.RaiseEventAsync(committed.InstanceId, EventNames.TaskChanged, new TaskSignal(), ct);
            return SubmitOutcome.Done(commit.Message);
        }
    }

    /// <summary>
    /// The task as stored, after writing out its latest committed submission if that is not marked applied yet (its
    /// winner may still be writing, or may have stopped): rows are written unless newer, entries are keyed, so doing it
    /// twice records nothing twice.
    /// </summary>
    private async Task<TaskVersion?> ReadSettledAsync(ApprovalTask task, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var read = await store.ReadTaskVersionAsync(task.CycleId, task.TaskId, ct);
            if (read?.Task.LastSubmission is not { Applied: false } pending) return read;
            if (attempt >= MaxAttempts) throw new InvalidOperationException($"Task '{task.TaskId}' keeps changing under concurrent updates.");
            await ApplyAsync(read.Task, pending, ct);
        }
    }

    /// <summary>Writes a committed submission's records, then their audit entries, then marks it applied on the task.</summary>
    private async Task ApplyAsync(ApprovalTask task, TaskSubmission submission, CancellationToken ct)
    {
        if (submission.Decisions.Count > 0)
        {
            await store.SaveDecisionsOfSubmissionAsync(task.CycleId, submission.Decisions, ct);
            await AuditDecisionsAsync(task, submission.Decisions, ct);
        }
        if (submission.Proposals.Count > 0 || submission.Redesignations.Count > 0)
        {
            await store.SaveProposalsOfSubmissionAsync(task.CycleId, submission.Proposals, submission.Redesignations, ct);
            await AuditProposalsAsync(task, submission.Proposals, submission.Redesignations, new RequestOrigin(submission.Channel, submission.SourceAddress), ct);
        }
        // The records now live in their tables; the task keeps only the number, so its row stays small.
        await store.UpdateTaskAsync(task.CycleId, task.TaskId, t => t.LastSubmission is { Applied: false } last && last.Sequence == submission.Sequence
            ? t with { LastSubmission = last with { Applied = true, Decisions = [], Proposals = [], Redesignations = [] } }
            : null, ct);
    }

    /// <summary>The task as re-read no longer takes this link's submission: it changed hands or was cancelled meanwhile.</summary>
    private static SubmitOutcome? Refusal(ApprovalTask current, ApprovalTask asResolved) =>
        !current.Approver.IsSameAs(asResolved.Approver.Email) ? SubmitOutcome.Denied(TaskAccess.Forbidden, "This task is no longer assigned to the person this link was sent to.")
        : current.State == TaskState.Cancelled ? SubmitOutcome.Denied(TaskAccess.Gone, "This review cycle is finished; the task can no longer be changed.")
        : null;

    /// <summary>Another submission was recorded after this request read the task: its different content is not recorded.</summary>
    private static SubmitOutcome Superseded(ApprovalTask current, string what) => current.State == TaskState.Open
        ? SubmitOutcome.Superseded(what, $"Nothing was recorded: this task was changed by another submission meanwhile. Check the {what} shown and post again.")
        : SubmitOutcome.Denied(TaskAccess.Gone, $"This task was completed by another submission meanwhile; your {what} were not recorded.");

    // Audit entries carry a key made of what they record, so a repeat (after a crash between the record and its entry)
    // writes the missing entry once and never a second one.
    private async Task AuditDecisionsAsync(ApprovalTask task, IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        foreach (var r in records)
            await audit.AppendAsync(new AuditEntry(task.CycleId, r.DecidedAt, AuditKinds.Decision, r.DecidedBy, r.Channel, r.SourceAddress,
                $"Position {r.PositionId}: {(r.Action == ProposedAction.RevertToGeneral ? "revert to General" : "request retention as Career Reserved")}" +
                (r.Justification is null ? "" : $" — {r.Justification}") + $" (task {r.TaskId}, round {r.Round})"),
                $"decision:{r.PositionId}:{r.Round}:{r.DecidedAt.UtcTicks}", ct);
    }

    private async Task AuditProposalsAsync(
        ApprovalTask task, IReadOnlyList<ProposalRecord> records, IReadOnlyList<RedesignationRecord> redesignations, RequestOrigin origin, CancellationToken ct)
    {
        if (records.Count == 0 && redesignations.Count == 0) return;
        var at = records.Select(r => r.ProposedAt).Concat(redesignations.Select(r => r.ProposedAt)).Min();
        foreach (var r in records.Where(r => r.Adjustment != 0 || r.Reason is not null))
            await audit.AppendAsync(new AuditEntry(task.CycleId, r.ProposedAt, AuditKinds.Proposal, r.ProposedBy, origin.Channel, origin.SourceAddress,
                $"{r.Component} {r.PayPlan}: adjustment {r.Adjustment:+#;-#;0}" + (r.Reason is null ? "" : $", reason: {r.Reason}") + (r.Justification is null ? "" : $", justification: {r.Justification}")),
                $"proposal:{r.TaskId}:{r.Round}:{r.Component}|{r.PayPlan}:{r.ProposedAt.UtcTicks}", ct);
        foreach (var r in redesignations)
            await audit.AppendAsync(new AuditEntry(task.CycleId, r.ProposedAt, AuditKinds.Proposal, r.ProposedBy, origin.Channel, origin.SourceAddress,
                $"Position {r.PositionId}: redesignate to {r.To} — {r.Justification}"), $"redesignation:{r.TaskId}:{r.Round}:{r.PositionId}:{r.ProposedAt.UtcTicks}", ct);
        await audit.AppendAsync(new AuditEntry(task.CycleId, at, AuditKinds.Proposal, task.Approver.Email, origin.Channel, origin.SourceAddress,
            $"Proposals of task {task.TaskId} (round {task.Round}) submitted for {string.Join(", ", task.Components)}"), $"proposals:{task.TaskId}:{task.Round}", ct);
    }

    private Task AuditSignOffAsync(string cycleId, SignOffRecord r, string channel, CancellationToken ct) =>
        audit.AppendAsync(new AuditEntry(cycleId, r.At, r.Approved ? AuditKinds.SignOff : AuditKinds.SentBack, r.By, channel, r.SourceAddress,
            r.Approved ? $"Package of round {r.Round} approved for submission to OPM" : $"Package of round {r.Round} sent back: {r.Note}"),
            $"signoff:{r.Round}", ct);

    private Task AuditDelegationAsync(ApprovalTask task, int number, RequestOrigin origin, CancellationToken ct)
    {
        var d = task.Delegations[number - 1];
        return audit.AppendAsync(new AuditEntry(task.CycleId, d.At, AuditKinds.Delegation, d.From.Email, origin.Channel, origin.SourceAddress,
            $"Task {task.TaskId} delegated from {d.From.Email} to {d.To.Email}" + (d.Note is { } n ? $": {n}" : "")), $"delegation:{task.TaskId}:{number}", ct);
    }

    /// <summary>
    /// Nothing new to record, but the earlier request may have stopped between its write and its event (host crash), so
    /// the task's orchestration is woken again; it re-reads the record, so an extra signal is harmless.
    /// </summary>
    private async Task<SubmitOutcome> RepeatAsync(ApprovalTask task, string message, CancellationToken ct)
    {
        var progress = await TaskProgressReader.ReadAsync(store, task, ct);
        if (progress.Complete)
            await store.UpdateTaskAsync(task.CycleId, task.TaskId, t => t.State == TaskState.Open && t.Round == task.Round ? t with { State = TaskState.Completed, CompletedAt = time.GetUtcNow() } : null, ct);
        await client.RaiseEventAsync(task.InstanceId, EventNames.TaskChanged, new TaskSignal(), ct);
        return SubmitOutcome.Repeat(message);
    }

    private async Task<Access> ResolveAsync(string token, CancellationToken ct)
    {
        switch (tokens.Validate(token, out var claims))
        {
            case TokenFailure.Forged: return new(TaskAccess.Forbidden, "This link is not valid.");
            case TokenFailure.Expired: return new(TaskAccess.Expired, "This link has expired. The next reminder brings a new one, or ask the executive resources office.");
        }
        var task = await store.GetTaskAsync(claims!.CycleId, claims.TaskId, ct);
        var cycle = (await store.GetCycleAsync(claims.CycleId, ct))?.Input;
        if (task is null || cycle is null) return new(TaskAccess.NotFound, "There is no such task.");
        if (!task.Approver.IsSameAs(claims.ApproverEmail))
            return new(TaskAccess.Forbidden, "This task is no longer assigned to the person this link was sent to.", task, cycle, claims);
        var instance = await client.GetInstanceAsync(claims.CycleId, cancellation: ct);
        if (instance is null || instance.IsCompleted || task.State == TaskState.Cancelled)
            return new(TaskAccess.Gone, "This review cycle is finished; the task can no longer be changed.", task, cycle, claims);
        return new(TaskAccess.Ok, null, task, cycle, claims);
    }

    private async Task<TaskView> ViewAsync(ApprovalTask task, CycleInput cycle, CancellationToken ct)
    {
        bool open = task.State == TaskState.Open;
        switch (task.Kind)
        {
            case TaskKind.Decision:
            {
                var decisions = (await store.ListDecisionsAsync(cycle.CycleId, ct)).ToDictionary(d => d.PositionId, StringComparer.Ordinal);
                var rows = (await store.GetPositionsAsync(cycle.CycleId, task.PositionIds, ct)).Select(p => new TaskPositionView(
                    p.PositionId, p.Title, p.Component, p.Assessment?.CurrentDesignation?.ToString(), p.Assessment?.RedesignatedToCareerReservedOn,
                    p.Assessment?.Reason ?? "", p.Assessment?.Flags ?? [], decisions.GetValueOrDefault(p.PositionId), p.Assessment?.Findings ?? [])).ToList();
                return new TaskView(task, cycle, open, designationOptions.MinimumRetentionJustificationLength, rows, [], [], null);
            }
            case TaskKind.Proposal:
            {
                var inventory = await uploads.RequireAsync(cycle.InventoryUploadId, ct);
                var (proposals, redesignations) = await store.ListProposalsAsync(cycle.CycleId, ct);
                var lines = allocations.CurrentLines(inventory, cycle.Agency, cycle.AsOf).Where(l => task.Components.Contains(l.Component))
                    .Select(l => new AllocationLineView(l.Component, l.PayPlan, l.Allocated, l.Filled, l.Vacant, l.VacancyRate,
                        l.VacancyRate > allocationOptions.VacancyExplanationThreshold,
                        proposals.FirstOrDefault(p => p.Component == l.Component && p.PayPlan == l.PayPlan))).ToList();
                return new TaskView(task, cycle, open, 0, [], lines, [.. redesignations.Where(r => task.Components.Contains(r.Component))], null);
            }
            default:
            {
                var package = await store.GetPackageAsync(cycle.CycleId, ct);
                var history = await store.ListSignOffsAsync(cycle.CycleId, ct);
                return new TaskView(task, cycle, open, 0, [], [], [],
                    new SignOffView(task.Round, package?.Summary ?? "The package is being built.", package?.Warnings ?? [], package, history));
            }
        }
    }

    private static string? Justification(DecisionInput d) => d.Action == ProposedAction.RequestRetention ? Clean(d.Justification) : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
