using System.Collections.Concurrent;
using SesReview.Domain.Model;
using SesReview.Notifications.Outbox;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;

namespace SesReview.Host.Tests.Support;

internal sealed class FakeCycleService : ICycleService
{
    public ConcurrentDictionary<string, CycleDetails> Cycles { get; } = new();
    public ConcurrentDictionary<string, List<PositionState>> Positions { get; } = new();
    public ConcurrentQueue<(StartCycleRequest Request, string Actor, RequestOrigin Origin)> Started { get; } = new();
    public ConcurrentQueue<(string CycleId, string Reason, string Actor)> Cancelled { get; } = new();
    public HashSet<string> Finished { get; } = [];

    /// <summary>Errors StartAsync throws when set; otherwise a request without an agency is refused naming 'agency'.</summary>
    public IReadOnlyList<FieldError>? Refuse { get; set; }

    /// <summary>Thrown by every call when set (a storage outage, for instance).</summary>
    public Exception? Failure { get; set; }

    /// <summary>How many calls reached the service.</summary>
    public int Calls => _calls;
    private int _calls;

    private void Enter()
    {
        Interlocked.Increment(ref _calls);
        if (Failure is { } failure) throw failure;
    }

    public Task<CycleInput> StartAsync(StartCycleRequest request, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        Enter();
        var errors = Refuse?.ToList() ?? [];
        if (Refuse is null && string.IsNullOrWhiteSpace(request.Agency)) errors.Add(new FieldError("agency", "Name the agency."));
        if (Refuse is null && string.IsNullOrWhiteSpace(request.InventoryUploadId)) errors.Add(new FieldError("inventoryUploadId", "Upload an inventory first."));
        if (errors.Count > 0) throw new CycleRequestException(errors);
        Started.Enqueue((request, actor, origin));
        var id = request.CycleId ?? "cycle-" + Started.Count;
        // The PLUM file the start kept travels with the cycle, as the real service stores it.
        var input = Samples.Input(id) with { PlumUploadId = request.PlumUploadId, IncludePlumCrossCheck = request.IncludePlumCrossCheck == true };
        Cycles[id] = Samples.Details(id) with { Input = input };
        return Task.FromResult(input);
    }

    public Task<IReadOnlyList<CycleSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        Enter();
        return Task.FromResult<IReadOnlyList<CycleSummary>>([.. Cycles.Values.Select(c => c.Summary).OrderByDescending(s => s.CreatedAt)]);
    }

    public Task<CycleDetails?> GetAsync(string cycleId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Cycles.GetValueOrDefault(cycleId));

    public Task<bool> ExistsAsync(string cycleId, CancellationToken cancellationToken = default) => Task.FromResult(Cycles.ContainsKey(cycleId));

    public Task<IReadOnlyList<PositionState>> GetPositionsAsync(string cycleId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PositionState>>(Positions.GetValueOrDefault(cycleId) ?? []);

    public Task<PositionsPage> GetPositionsPageAsync(string cycleId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var all = Positions.GetValueOrDefault(cycleId) ?? [];
        return Task.FromResult(new PositionsPage([.. all.Skip(skip).Take(take)], all.Count));
    }

    public Task<CancelOutcome> CancelAsync(string cycleId, string reason, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!Cycles.ContainsKey(cycleId)) return Task.FromResult(CancelOutcome.NotFound);
        if (Finished.Contains(cycleId)) return Task.FromResult(CancelOutcome.AlreadyFinished);
        Cancelled.Enqueue((cycleId, reason, actor));
        return Task.FromResult(CancelOutcome.Cancelled);
    }

    public Task<PackageFile?> GetPackageAsync(string cycleId, CancellationToken cancellationToken = default) => Task.FromResult<PackageFile?>(null);
}

internal sealed class FakeInventoryUploads : IInventoryUploads
{
    public ConcurrentQueue<(string FileName, string Content, string Actor, string? PlumAgency, DateOnly? KnownGeneral)> Uploaded { get; } = new();

    public async Task<InventoryUploadResult> UploadAsync(InventoryUploadRequest request, string actor, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(request.Content);
        var content = await reader.ReadToEndAsync(cancellationToken);
        Uploaded.Enqueue((request.FileName, content, actor, request.PlumAgency, request.PlumKnownGeneralAsOf));
        return new InventoryUploadResult(new InventoryUpload(
            "upload-" + Uploaded.Count, request.FileName, content.Length, "abc123", Samples.Start, actor, 40,
            ["DEPARTMENT OF EXAMPLE"], ["Office of Policy"], request.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "plum" : "inventory",
            request.PlumAgency, request.PlumKnownGeneralAsOf, request.PlumSnapshotDate), []);
    }

    public Task<InventoryUpload?> GetAsync(string uploadId, CancellationToken cancellationToken = default) => Task.FromResult<InventoryUpload?>(null);

    /// <summary>Inventories <see cref="LoadAsync"/> answers, by upload id.</summary>
    public ConcurrentDictionary<string, PositionInventory> Inventories { get; } = new();

    public Task<PositionInventory?> LoadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Inventories.GetValueOrDefault(uploadId));
}

/// <summary>Answers each token with the page set for it; records every submission and answers a repeat as already recorded.</summary>
internal sealed class FakeApprovalService : IApprovalService
{
    public ConcurrentDictionary<string, TaskPage> Pages { get; } = new();
    public ConcurrentQueue<(string Token, IReadOnlyList<DecisionInput> Decisions, RequestOrigin Origin)> Decisions { get; } = new();
    public ConcurrentQueue<(string Token, IReadOnlyList<ProposalInput> Proposals, IReadOnlyList<RedesignationInput> Redesignations)> Proposals { get; } = new();
    public ConcurrentQueue<(string Token, bool Approve, string? Note)> SignOffs { get; } = new();
    public ConcurrentQueue<(string Token, Person To, string? Note)> Delegations { get; } = new();

    /// <summary>Errors the next submissions answer with, when set.</summary>
    public IReadOnlyList<FieldError>? Invalid { get; set; }

    public int SubmitCalls => Decisions.Count + Proposals.Count + SignOffs.Count + Delegations.Count;

    public Task<TaskPage> OpenAsync(string token, CancellationToken cancellationToken = default) =>
        Task.FromResult(Pages.GetValueOrDefault(token) ?? TaskPage.Denied(TaskAccess.NotFound, "There is no such task."));

    private SubmitOutcome Outcome(string token, bool repeat)
    {
        var page = Pages.GetValueOrDefault(token);
        if (page is null || page.Access != TaskAccess.Ok) return SubmitOutcome.Denied(page?.Access ?? TaskAccess.NotFound, page?.Message ?? "No such task.");
        if (Invalid is { } errors) return SubmitOutcome.Invalid(errors);
        return repeat ? SubmitOutcome.Repeat("These decisions had already been recorded.") : SubmitOutcome.Done("Your decisions were recorded.");
    }

    public Task<SubmitOutcome> SubmitDecisionsAsync(string token, IReadOnlyList<DecisionInput> decisions, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var repeat = Decisions.Any(d => d.Token == token && d.Decisions.SequenceEqual(decisions));
        var outcome = Outcome(token, repeat);
        if (outcome.Recorded || outcome.AlreadyRecorded) Decisions.Enqueue((token, decisions, origin));
        return Task.FromResult(outcome);
    }

    public Task<SubmitOutcome> SubmitProposalsAsync(string token, IReadOnlyList<ProposalInput> proposals, IReadOnlyList<RedesignationInput> redesignations,
        RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        Proposals.Enqueue((token, proposals, redesignations));
        return Task.FromResult(Outcome(token, false));
    }

    public Task<SubmitOutcome> SignOffAsync(string token, bool approve, string? note, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        SignOffs.Enqueue((token, approve, note));
        return Task.FromResult(Outcome(token, false));
    }

    public Task<SubmitOutcome> DelegateAsync(string token, Person to, string? note, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        Delegations.Enqueue((token, to, note));
        return Task.FromResult(Outcome(token, false));
    }

    public Task<(TaskAccess Access, PackageFile? File)> GetPackageAsync(string token, CancellationToken cancellationToken = default) =>
        Task.FromResult((Pages.GetValueOrDefault(token)?.Access ?? TaskAccess.NotFound, (PackageFile?)null));
}

internal sealed class FakeAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public Task AppendAsync(AuditEntry entry, string? dedupKey = null, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string cycleId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.Where(e => e.CycleId == cycleId).OrderBy(e => e.At)]);
}

internal sealed class FakeOutboxReader : IOutboxReader
{
    public List<OutboxItem> Items { get; } = [];

    public Task<IReadOnlyList<OutboxListItem>> ListAsync(string? cycleId = null, int take = 200, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutboxListItem>>([.. Items.Where(i => cycleId is null || i.Message.CycleId == cycleId).OrderByDescending(i => i.SentAt).Take(take)
            .Select(i => new OutboxListItem(i.OutboxId, i.Message.CycleId, i.Message.MessageKey, i.Message.Kind, i.Message.To, i.Message.Subject, i.SentAt,
                i.Message.Attachments.Count, i.AttachmentSha256, i.Message.Action))]);

    public Task<OutboxPage> ListPageAsync(string? cycleId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var matching = Items.Where(i => cycleId is null || i.Message.CycleId == cycleId).OrderByDescending(i => i.SentAt).ToList();
        return Task.FromResult(new OutboxPage([.. matching.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => new OutboxListItem(i.OutboxId, i.Message.CycleId, i.Message.MessageKey, i.Message.Kind, i.Message.To, i.Message.Subject, i.SentAt,
                i.Message.Attachments.Count, i.AttachmentSha256, i.Message.Action))], page, pageSize, matching.Count));
    }

    public Task<OutboxItem?> GetAsync(string cycleId, string messageKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(Items.FirstOrDefault(i => i.Message.CycleId == cycleId && i.Message.MessageKey == messageKey));
}
