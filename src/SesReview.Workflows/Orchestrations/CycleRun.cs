using Microsoft.DurableTask;
using SesReview.Workflows.Activities;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Forecasting;
using SesReview.Workflows.Scheduling;

namespace SesReview.Workflows.Orchestrations;

/// <summary>
/// The parts both cycles share, run inside the cycle's orchestrator: the custom status, task progress reports, the
/// deadline-at-risk warning (a durable timer that fires once, whatever step the cycle is in), rounds of tasks with
/// the internal cut-off, and sign-off. Only replay-safe calls (the context's clock, timers, events, activities).
/// </summary>
internal sealed class CycleRun(TaskOrchestrationContext context, CycleInput cycle)
{
    private readonly Dictionary<string, TaskProgress> _progress = new(StringComparer.Ordinal);
    private Task<TaskProgress>? _progressEvent;
    private Task? _warningTimer;
    private readonly CancellationTokenSource _warningCancel = new();
    private bool _warned;

    /// <summary>A forecast needs at least a day ahead to mean anything (and a cut-off hours away is already being escalated).</summary>
    private static readonly TimeSpan ForecastMinimumLead = TimeSpan.FromDays(1);

    public CycleStatus Status { get; private set; } = new() { Phase = CyclePhase.Loading, NextDeadline = cycle.DueAt };
    public CycleSchedule? Schedule { get; private set; }

    public DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public void SetStatus(CycleStatus status)
    {
        Status = status;
        context.SetCustomStatus(status);
    }

    /// <summary>Fixes the schedule and arms the deadline warning.</summary>
    public void Start(CycleSchedule schedule)
    {
        Schedule = schedule;
        // Cancelled once the package is submitted, so that no timer outlives the cycle (on Durable Functions an
        // orchestration with a pending timer stays Running).
        if (schedule.DeadlineWarningAt > Now) _warningTimer = context.CreateTimer(schedule.DeadlineWarningAt.UtcDateTime, _warningCancel.Token);
        else _warningTimer = Task.CompletedTask; // already inside the warning period: warn at the first wait
    }

    /// <summary>Awaits <paramref name="work"/> while applying task progress reports and sending the deadline warning when due.</summary>
    public async Task<T> WhileWatchingAsync<T>(Task<T> work)
    {
        while (true)
        {
            _progressEvent ??= context.WaitForExternalEvent<TaskProgress>(EventNames.TaskProgress);
            var waits = new List<Task> { work, _progressEvent };
            if (_warningTimer is not null && !_warned) waits.Add(_warningTimer);
            var done = await Task.WhenAny(waits);
            if (done == work) return await work;
            if (done == _progressEvent)
            {
                Apply(await _progressEvent);
                _progressEvent = null;
                await WarnEarlyIfForecastMissesAsync();
                continue;
            }
            _warned = true;
            await context.CallActivityAsync<bool>(ActivityNames.WarnDeadlineAtRisk, new CycleRef(cycle.CycleId), Retries.For(cycle.Retry));
        }
    }

    /// <summary>
    /// After a task reports progress (a submission, reminder or escalation), while the cut-off is at least
    /// <see cref="ForecastMinimumLead"/> away and the ordinary warning has not gone out: an activity forecasts
    /// the cycle from the stores, and when the forecast misses the cut-off the deadline warning goes out now, naming the tasks
    /// that drive it. Replay-safe: only the context's clock and the activity's recorded result decide.
    /// </summary>
    private async Task WarnEarlyIfForecastMissesAsync()
    {
        if (_warned || Schedule is null || Schedule.CutOffAt - Now < ForecastMinimumLead || Now >= Schedule.DeadlineWarningAt) return;
        var check = await context.CallActivityAsync<ForecastCheck>(ActivityNames.ForecastDeadline, new CycleRef(cycle.CycleId), Retries.For(cycle.Retry));
        if (!check.MissesCutOff) return;
        _warned = true;
        await context.CallActivityAsync<bool>(ActivityNames.WarnDeadlineAtRisk, new CycleRef(cycle.CycleId, check.Summary), Retries.For(cycle.Retry));
    }

    /// <summary>
    /// Runs one round of decision or proposal tasks until all are complete or the cut-off passes (then the open ones
    /// are closed and their undecided positions reported as pending).
    /// </summary>
    public async Task RunTasksAsync(IReadOnlyList<TaskPlan> plans, DateTimeOffset cutOffAt)
    {
        _progress.Clear();
        foreach (var plan in plans)
            _progress[plan.TaskId] = new TaskProgress(plan.TaskId, plan.Round, TaskState.Open, plan.Items, 0, false, false, 0,
                plan.Schedule.Reminders.Concat(plan.Schedule.Escalations).Order().Select(t => (DateTimeOffset?)t).FirstOrDefault());
        RefreshCounts();
        if (plans.Count == 0) return;

        var runs = plans.ToDictionary(p => p.TaskId, p => context.CallSubOrchestratorAsync<TaskProgress>(OrchestratorNames.ApprovalTask, p, new SubOrchestrationOptions(instanceId: p.InstanceId)));
        var all = Task.WhenAll(runs.Values);
        using var cutOffCancel = new CancellationTokenSource();
        // No cut-off (a round re-opened after OPM's deadline): the tasks run until done, escalating as planned.
        var cutOff = cutOffAt == DateTimeOffset.MaxValue ? null : context.CreateTimer(cutOffAt.UtcDateTime, cutOffCancel.Token);
        var first = cutOff is null ? all : await WhileWatchingAsync(Task.WhenAny(all, cutOff));
        if (first == cutOff)
        {
            foreach (var plan in plans.Where(p => !runs[p.TaskId].IsCompleted))
                context.SendEvent(plan.InstanceId, EventNames.TaskChanged, new TaskSignal(CutOff: true));
        }
        else
        {
            cutOffCancel.Cancel();
        }
        foreach (var outcome in await WhileWatchingAsync(all)) Apply(outcome);
    }

    /// <summary>
    /// Rounds of tasks, package and sign-off until the signer approves: round 1 runs <paramref name="firstRound"/> until
    /// the internal cut-off; when the signer sends the package back, the same tasks open again with the note (due by
    /// OPM's deadline at the latest) and a new package is built. Returns the approved round.
    /// </summary>
    public async Task<int> TasksThenSignOffAsync(TaskKind kind, IReadOnlyList<TaskPlan> firstRound, CyclePhase taskPhase, CyclePhase packagePhase)
    {
        var plans = firstRound;
        var cutOff = Schedule!.CutOffAt;
        for (int round = 1; ; round++)
        {
            SetStatus(Status with { Phase = taskPhase, NextDeadline = cutOff == DateTimeOffset.MaxValue ? cycle.DueAt : cutOff });
            await RunTasksAsync(plans, cutOff);

            SetStatus(Status with { Phase = packagePhase, NextDeadline = cycle.DueAt });
            await context.CallActivityAsync<PackageRecord>(ActivityNames.BuildPackage, new BuildPackageInput(cycle, round, Final: false), Retries.For(cycle.Retry));

            var (approved, note) = await SignOffAsync(round);
            if (approved) return round;

            SetStatus(Status with { Message = $"Round {round} sent back by the signer: {note}" });
            // Later rounds close at OPM's deadline; once that has passed there is no cut-off: approvers get their usual
            // due period and are escalated until they answer.
            cutOff = Schedule.DeadlineAt > Now ? Schedule.DeadlineAt : DateTimeOffset.MaxValue;
            plans = await context.CallActivityAsync<IReadOnlyList<TaskPlan>>(ActivityNames.PlanTasks,
                new PlanTasksInput(cycle, kind, round + 1, Now, cutOff, null, null, note), Retries.For(cycle.Retry));
        }
    }

    /// <summary>Emails the package to OPM (exactly once) and reports the cycle submitted.</summary>
    public async Task<CycleOutcome> SubmitAsync(int rounds)
    {
        SetStatus(Status with { Phase = CyclePhase.Submitting });
        var submission = await context.CallActivityAsync<SubmissionRecord>(ActivityNames.SubmitToOpm, new CycleRef(cycle.CycleId), Retries.For(cycle.Retry));
        _warningCancel.Cancel();
        SetStatus(Status with { Phase = CyclePhase.Submitted, NextDeadline = null, NextReminder = null, Message = $"Sent to OPM at {submission.SentAt:u}." });
        return new CycleOutcome(cycle.CycleId, CyclePhase.Submitted, submission, rounds);
    }

    /// <summary>Asks the signer to sign off (with reminders and escalation like any task); true when approved.</summary>
    public async Task<(bool Approved, string? Note)> SignOffAsync(int round)
    {
        SetStatus(Status with { Phase = CyclePhase.AwaitingSignOff, SignOffRound = round });
        var plans = await context.CallActivityAsync<IReadOnlyList<TaskPlan>>(ActivityNames.PlanTasks,
            new PlanTasksInput(cycle, TaskKind.SignOff, round, Now, Schedule!.DeadlineAt, null, null, null), Retries.For(cycle.Retry));
        var plan = plans.Single();
        var outcome = await WhileWatchingAsync(context.CallSubOrchestratorAsync<TaskProgress>(OrchestratorNames.ApprovalTask, plan, new SubOrchestrationOptions(instanceId: plan.InstanceId)));
        return (outcome.Approved == true, outcome.Note);
    }

    private void Apply(TaskProgress progress)
    {
        // Reports of a sign-off, or late ones of an earlier round, do not change this round's counts.
        if (!_progress.TryGetValue(progress.TaskId, out var current) || current.Round != progress.Round) return;
        _progress[progress.TaskId] = progress;
        RefreshCounts();
    }

    private void RefreshCounts()
    {
        var tasks = _progress.Values.ToList();
        SetStatus(Status with
        {
            AwaitingDecision = tasks.Sum(t => t.Items - t.Done),
            Decided = tasks.Sum(t => t.Done),
            TasksOpen = tasks.Count(t => !t.Complete && t.State == TaskState.Open),
            OverdueTasks = tasks.Count(t => t.Overdue),
            NextReminder = tasks.Where(t => !t.Complete && t.NextReminder is not null).Select(t => t.NextReminder).Min(),
        });
    }
}
