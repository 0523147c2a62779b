using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SesReview.Domain.Calendar;
using SesReview.Domain.Settings;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Orchestrations;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Cycles;

/// <summary>Starts, lists, shows and cancels cycles (the host's <c>/api/cycles</c>).</summary>
public sealed partial class CycleService(
    DurableTaskClient client,
    CycleStore store,
    IInventoryUploads uploads,
    PlumUploads plumUploads,
    IAuditTrail audit,
    BusinessCalendar calendar,
    SchedulePlanner planner,
    WorkflowOptions workflow,
    CycleDefaults defaults,
    TimeProvider time) : ICycleService
{
    public async Task<CycleInput> StartAsync(StartCycleRequest request, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        if (!CycleKinds.TryParse(request.Kind, out var kind))
            errors.Add(new("kind", $"must be '{CycleKinds.Designation}' or '{CycleKinds.Allocation}'"));
        if (string.IsNullOrWhiteSpace(request.Agency)) errors.Add(new("agency", "is required"));
        InventoryUpload? upload = null;
        if (string.IsNullOrWhiteSpace(request.InventoryUploadId)) errors.Add(new("inventoryUploadId", "is required (upload the inventory first, or send it as 'file')"));
        else if ((upload = await uploads.GetAsync(request.InventoryUploadId, cancellationToken)) is null)
            errors.Add(new("inventoryUploadId", $"no inventory upload '{request.InventoryUploadId}'"));
        if (upload is not null && !string.IsNullOrWhiteSpace(request.Agency) && !upload.Agencies.Contains(request.Agency, StringComparer.Ordinal))
            errors.Add(new("agency", $"'{request.Agency}' has no positions in the inventory; it lists {string.Join(", ", upload.Agencies.Select(a => $"'{a}'"))}"));
        if (upload is { IsPlum: true } && kind == CycleKind.AllocationReview)
            errors.Add(new("inventoryUploadId", Workbooks.Import.PlumImportNotes.AllocationLimit));
        CheckPerson(request.Chco, "chco", errors, required: true);
        CheckPerson(request.Signer, "signer", errors, required: false);
        var approvers = request.Approvers ?? [];
        for (int i = 0; i < approvers.Count; i++)
        {
            var a = approvers[i];
            if (a is null) { errors.Add(new($"approvers[{i}]", "is empty")); continue; }
            if (string.IsNullOrWhiteSpace(a.Component)) errors.Add(new($"approvers[{i}].component", "is required"));
            else if (upload is not null && !upload.Components.Contains(a.Component, StringComparer.Ordinal))
                errors.Add(new($"approvers[{i}].component", $"'{a.Component}' is not a component of the inventory"));
            CheckPerson(a.Approver, $"approvers[{i}].approver", errors, required: true);
        }
        foreach (var duplicate in approvers.Where(a => a is not null).GroupBy(a => a.Component, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new("approvers", $"component '{duplicate.Key}' has {duplicate.Count()} approvers; give one"));
        var plumUploadId = string.IsNullOrWhiteSpace(request.PlumUploadId) ? null : request.PlumUploadId.Trim();
        if (plumUploadId is not null)
        {
            if (kind == CycleKind.AllocationReview)
                errors.Add(new("plumUploadId", "the PLUM cross-check belongs to the designation review's report; leave it out of an allocation review"));
            else if (await plumUploads.GetAsync(plumUploadId, cancellationToken) is null)
                errors.Add(new("plumUploadId", $"no PLUM upload '{plumUploadId}' (cross-check the inventory on the PLUM check page, or send the PLUM file as 'plumFile')"));
        }
        if (request.IncludePlumCrossCheck == true && plumUploadId is null)
            errors.Add(new("includePlumCrossCheck", "needs the PLUM file the inventory was cross-checked against ('plumUploadId' or 'plumFile')"));
        if (request.CycleId is not null && !CycleIdPattern().IsMatch(request.CycleId))
            errors.Add(new("cycleId", "must be 3-64 letters, digits, '-' or '_'"));

        var now = time.GetUtcNow();
        var memoDate = request.MemoDate ?? defaults.MemoDate();
        var dueDate = request.Deadline is { } d ? calendar.Deadline(d) : defaults.Deadline(kind, memoDate);
        if (request.Deadline is { } given && given < memoDate) errors.Add(new("deadline", "is before the memo date"));
        else if (calendar.CloseOfBusiness(dueDate) <= now)
            errors.Add(new("deadline", $"{dueDate:yyyy-MM-dd} (close of business) has passed; give the deadline OPM set for this cycle"));
        string cycleId = request.CycleId ?? $"{(kind == CycleKind.DesignationReview ? "designation" : "allocation")}-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        if (errors.Count > 0) throw new CycleRequestException(errors);

        var input = new CycleInput(
            cycleId, kind, request.Agency!.Trim(),
            kind == CycleKind.DesignationReview ? $"Career reserved designation review — {request.Agency!.Trim()}" : $"Executive allocation review — {request.Agency!.Trim()}",
            memoDate, dueDate, calendar.CloseOfBusiness(dueDate), upload!.UploadId, Clean(request.Chco!), Clean(request.Signer ?? request.Chco!),
            [.. approvers.Select(a => a with { Component = a.Component.Trim(), Approver = Clean(a.Approver) })],
            request.AsOf ?? planner.LocalDate(now), request.NewAgencyHeadAppointedOn, now, actor,
            new ActivityRetry(workflow.ActivityRetryAttempts, workflow.ActivityRetryFirstInterval),
            plumUploadId, request.IncludePlumCrossCheck == true);

        // Insert-only, so two starts with one id cannot both win, and a finished cycle's records are never reused
        // (its tasks, decisions and message keys would leak into the new run).
        if (!await store.TryAddCycleAsync(new CycleRecord(input), cancellationToken))
        {
            // A start that stopped between saving the cycle and scheduling it is finished now, with what was saved then.
            var stored = await store.GetCycleAsync(cycleId, cancellationToken);
            if (stored is { CancelReason: null } && await client.GetInstanceAsync(cycleId, cancellation: cancellationToken) is null)
            {
                await AuditStartAsync(stored.Input, await uploads.GetAsync(stored.Input.InventoryUploadId, cancellationToken) ?? upload!, origin, cancellationToken);
                await ScheduleAsync(stored.Input, cancellationToken);
                return stored.Input;
            }
            throw new CycleRequestException([new("cycleId", $"a cycle '{cycleId}' already exists; choose another id")]);
        }
        await AuditStartAsync(input, upload, origin, cancellationToken);
        await ScheduleAsync(input, cancellationToken);
        return input;
    }

    private Task AuditStartAsync(CycleInput input, InventoryUpload upload, RequestOrigin origin, CancellationToken ct) =>
        audit.AppendAsync(new AuditEntry(input.CycleId, input.StartedAt, AuditKinds.CycleStarted, input.StartedBy, origin.Channel, origin.SourceAddress,
            $"{input.Title}: inventory {upload.FileName} ({upload.Positions} positions, SHA-256 {upload.Sha256}), due {input.DueAt:u}"), $"start:{input.CycleId}", ct);

    private async Task ScheduleAsync(CycleInput input, CancellationToken ct)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(input.Kind.OrchestratorName(), input, new StartOrchestrationOptions(input.CycleId), ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Two requests resumed the same start at once and the engine refused the second as a duplicate of a live
            // instance: the other one scheduled it. Each engine names that refusal differently, so ask for the instance.
            if (await client.GetInstanceAsync(input.CycleId, cancellation: ct) is null) throw;
        }
    }

    public async Task<IReadOnlyList<CycleSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<CycleSummary>();
        foreach (var record in await store.ListCyclesAsync(cancellationToken))
            result.Add(Summarize(record, await client.GetInstanceAsync(record.Input.CycleId, cancellation: cancellationToken)));
        return [.. result.OrderByDescending(c => c.CreatedAt)];
    }

    public async Task<CycleDetails?> GetAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetCycleAsync(cycleId, cancellationToken);
        if (record is null) return null;
        var metadata = await client.GetInstanceAsync(cycleId, cancellation: cancellationToken);
        var summary = Summarize(record, metadata);
        return new CycleDetails(summary, record.Input,
            [.. (await store.ListTasksAsync(cycleId, cancellationToken)).OrderBy(t => t.Kind).ThenBy(t => t.TaskId, StringComparer.Ordinal)],
            await store.ListSignOffsAsync(cycleId, cancellationToken),
            await store.GetPackageAsync(cycleId, cancellationToken),
            await store.GetSubmissionAsync(cycleId, cancellationToken),
            metadata?.FailureDetails?.ErrorMessage,
            record.CancelReason,
            metadata is null || record.CancelReason is not null ? null
                : CycleHealth.Describe(summary.RuntimeStatus, summary.Status?.Phase, metadata.FailureDetails?.ErrorMessage, metadata.CreatedAt, metadata.LastUpdatedAt, time.GetUtcNow()),
            (await uploads.GetAsync(record.Input.InventoryUploadId, cancellationToken))?.Notes ?? []);
    }

    public async Task<IReadOnlyList<PositionState>> GetPositionsAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var decisions = (await store.ListDecisionsAsync(cycleId, cancellationToken)).ToDictionary(d => d.PositionId, StringComparer.Ordinal);
        return [.. (await store.ListPositionsAsync(cycleId, cancellationToken)).Select(p => StateOf(p, decisions))];
    }

    public async Task<PositionsPage> GetPositionsPageAsync(string cycleId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (page, total) = await store.ListPositionsPageAsync(cycleId, skip, take, cancellationToken);
        if (page.Count == 0) return new PositionsPage([], total);
        var decisions = (await store.ListDecisionsRangeAsync(cycleId, page[0].PositionId, page[^1].PositionId, cancellationToken))
            .ToDictionary(d => d.PositionId, StringComparer.Ordinal);
        return new PositionsPage([.. page.Select(p => StateOf(p, decisions))], total);
    }

    private static PositionState StateOf(AssessedPosition p, Dictionary<string, DecisionRecord> decisions) => new(
        p.PositionId, p.Component, p.Title, p.PayPlan, p.Assessment?.Identified ?? false, p.Assessment?.NeedsDecision ?? false,
        (p.Assessment?.ProposedAction ?? Domain.DesignationReview.ProposedAction.NoAction).ToString(),
        p.Assessment?.Reason ?? "", p.Assessment?.Flags ?? [], decisions.GetValueOrDefault(p.PositionId), p.Assessment?.Findings ?? []);

    public async Task<CancelOutcome> CancelAsync(string cycleId, string reason, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var record = await store.GetCycleAsync(cycleId, cancellationToken);
        var metadata = await client.GetInstanceAsync(cycleId, cancellation: cancellationToken);
        if (record is null) return CancelOutcome.NotFound;
        if (metadata is null)
        {
            // Saved but never scheduled (a start that stopped half-way): nothing runs, so recording the reason cancels it.
            if (record.CancelReason is null) await store.SaveCycleAsync(record with { CancelReason = reason.Trim(), CancelledBy = actor, CancelledAt = time.GetUtcNow() }, cancellationToken);
            await audit.AppendAsync(new AuditEntry(cycleId, time.GetUtcNow(), AuditKinds.Cancelled, actor, origin.Channel, origin.SourceAddress, reason.Trim()), $"cancel:{cycleId}", cancellationToken);
            return CancelOutcome.Cancelled;
        }
        if (metadata.IsCompleted && record.CancelReason is null) return CancelOutcome.AlreadyFinished;

        // Safe to repeat after a crash at any step: the reason is recorded first (activities of the cycle's tasks stop
        // writing to anyone once they see it, and a repeat carries on from here), then the cycle is stopped, then its
        // tasks. The tasks go last so that the cycle ends as Terminated, not Failed by a terminated task.
        var now = time.GetUtcNow();
        if (record.CancelReason is null) await store.SaveCycleAsync(record with { CancelReason = reason.Trim(), CancelledBy = actor, CancelledAt = now }, cancellationToken);
        if (!metadata.IsCompleted)
        {
            await client.TerminateInstanceAsync(cycleId, $"Cancelled by {actor}: {reason.Trim()}", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(15));
            try { await client.WaitForInstanceCompletionAsync(cycleId, cancellation: wait.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
        }
        foreach (var task in await store.ListTasksAsync(cycleId, cancellationToken))
        {
            await client.TerminateInstanceAsync(task.InstanceId, "Cycle cancelled", cancellationToken);
            await store.UpdateTaskAsync(cycleId, task.TaskId, t => t.State == TaskState.Open ? t with { State = TaskState.Cancelled, CompletedAt = now } : null, cancellationToken);
        }
        await audit.AppendAsync(new AuditEntry(cycleId, now, AuditKinds.Cancelled, actor, origin.Channel, origin.SourceAddress, reason.Trim()), $"cancel:{cycleId}", cancellationToken);
        return CancelOutcome.Cancelled;
    }

    public Task<PackageFile?> GetPackageAsync(string cycleId, CancellationToken cancellationToken = default) =>
        store.GetPackageFileAsync(cycleId, cancellationToken);

    public async Task<bool> ExistsAsync(string cycleId, CancellationToken cancellationToken = default) =>
        await store.GetCycleAsync(cycleId, cancellationToken) is not null;

    private static CycleSummary Summarize(CycleRecord record, OrchestrationMetadata? metadata)
    {
        var input = record.Input;
        return new CycleSummary(input.CycleId, input.Kind, input.Agency, input.Title,
            metadata?.RuntimeStatus.ToString() ?? (record.CancelReason is null ? "NotScheduled" : "Cancelled"), metadata?.ReadCustomStatusAs<CycleStatus>(),
            input.StartedAt, metadata?.LastUpdatedAt ?? input.StartedAt, input.DueAt);
    }

    internal static void CheckPerson(Person? person, string field, List<FieldError> errors, bool required)
    {
        if (person is null)
        {
            if (required) errors.Add(new(field, "is required (name and email)"));
            return;
        }
        if (string.IsNullOrWhiteSpace(person.Name)) errors.Add(new($"{field}.name", "is required"));
        if (!IsEmail(person.Email)) errors.Add(new($"{field}.email", $"'{person.Email}' is not an email address"));
    }

    internal static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.');

    private static Person Clean(Person p) => new(p.Name.Trim(), p.Email.Trim().ToLowerInvariant(), string.IsNullOrWhiteSpace(p.TeamsUserId) ? null : p.TeamsUserId.Trim(),
        string.IsNullOrWhiteSpace(p.Title) ? null : p.Title.Trim());

    [GeneratedRegex("^[A-Za-z0-9_-]{3,64}$")]
    private static partial Regex CycleIdPattern();
}
