using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using IQueryClient = DurableTask.Core.Query.IOrchestrationServiceQueryClient;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using Status = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;

namespace SesReview.DurableHosting;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over a DTFx <see cref="IOrchestrationServiceClient"/> (e.g. the Azure
/// Storage orchestration service): product code starts, queries and controls instances through the SDK's types only.
/// Payloads are serialised with the SDK's <see cref="DataConverter"/> (the worker must use the same one).
/// </summary>
/// <remarks>
/// <para><b>Instance ids.</b> Starting an id whose instance is live (Pending, Running or Suspended) is refused with an
/// <see cref="InvalidOperationException"/>, and the live instance is left alone. The id of a Completed, Failed or
/// Terminated instance may be reused (a new execution replaces the old one, as in Durable Functions): the product derives
/// ids from what an instance is for, so running "the same thing" again after a failure keeps its id. Callers that must
/// never reuse an id add terminal statuses to <see cref="StartOrchestrationOptions.DedupeStatuses"/>. The check is
/// DTFx's read-then-write (it throws only with <c>ThrowExceptionOnInvalidDedupeStatus</c>, which
/// <see cref="DurableTaskStorageSettings"/> sets; otherwise DTFx ignores the start silently): two concurrent starts of one new id can both pass it (DTFx then drops the second start
/// message of a running instance).</para>
/// <para><b>Waits</b> read the instance from 10 ms, doubling to at most 1 s between reads (DTFx's own wait polls every
/// 2 s), until the condition holds or the token is cancelled. A missing instance is waited for (it may be about to be
/// created).</para>
/// <para><b>Failures.</b> The Azure Storage instances table has no failure-details column; it stores
/// "ErrorType: message" as the output of a failed instance, and <see cref="OrchestrationMetadata.FailureDetails"/> is
/// rebuilt from it. Read with inputs and outputs, a failed instance's details come in full (inner failure — e.g. the
/// activity's exception type and message under the orchestrator's TaskFailedException — and stack traces) from the
/// completion event in its history, at the cost of one history read.</para>
/// <para>Not supported by DTFx here: recursive terminate/purge (only the named instance), entities, rewind, restart and
/// history through this client.</para>
/// </remarks>
public sealed class DurableTaskFrameworkClient : DurableTaskClient, IDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private static readonly CoreStatus[] LiveStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;

    public DurableTaskFrameworkClient(IOrchestrationServiceClient client, DataConverter? dataConverter = null, string name = "DurableTaskFramework")
        : base(name)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _converter = dataConverter ?? JsonDataConverter.Default;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();
        string instanceId = options?.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, _converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };

        var dedupe = LiveStatuses.Concat(options?.DedupeStatuses?.Select(s => ToCore(ParseStatus(s))) ?? []).Distinct().ToArray();
        try
        {
            await _client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw new InvalidOperationException(
                $"An orchestration instance with id '{instanceId}' already exists in a status that refuses a new start " +
                $"({string.Join(", ", dedupe)}): {e.Message}", e);
        }

        return instanceId;
    }

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation).ConfigureAwait(false);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <summary>Terminates the instance (its output becomes <see cref="TerminateInstanceOptions.Output"/>); sub-orchestrations are not terminated.</summary>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await RequireInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        await _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output)).ConfigureAwait(false);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        if (states is not { Count: > 0 } || states[0] is not { } state) return null;
        var failure = getInputsAndOutputs && state.OrchestrationStatus == CoreStatus.Failed && state.FailureDetails is null
            ? await FailureFromHistoryAsync(state).ConfigureAwait(false)
            : null;
        return ToMetadata(state, getInputsAndOutputs, failure);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != Status.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <summary>
    /// Pages of instances matching <paramref name="filter"/> (statuses, created from/to, instance id prefix, page size,
    /// continuation token, inputs and outputs). <see cref="OrchestrationQuery.TaskHubNames"/> is not supported.
    /// </summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        if (filter?.TaskHubNames?.Any() == true) throw new NotSupportedException("Querying other task hubs is not supported.");
        var queries = _client as IQueryClient ?? throw new NotSupportedException($"{_client.GetType().Name} cannot query instances.");
        filter ??= new OrchestrationQuery();
        return Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter.InstanceIdPrefix,
                PageSize = pageSize ?? filter.PageSize,
                ContinuationToken = continuation ?? filter.ContinuationToken,
                FetchInputsAndOutputs = filter.FetchInputsAndOutputs,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, filter.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });
    }

    /// <summary>
    /// Deletes the instance's state and history if it is Completed, Failed or Terminated (a live instance is left alone
    /// and counts 0). <see cref="PurgeInstanceOptions.Recursive"/> is not supported: sub-orchestrations stay.
    /// </summary>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purge = PurgeClient();
        var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (instance is null || !instance.IsCompleted) return new PurgeResult(0);
        return new PurgeResult((await purge.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false)).DeletedInstanceCount);
    }

    /// <summary>
    /// Deletes every instance created in [CreatedFrom, CreatedTo] whose status is one of <c>Statuses</c> (default: all
    /// terminal statuses; live statuses are never purged).
    /// </summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var terminal = new[] { Status.Completed, Status.Failed, Status.Terminated };
        var statuses = (filter.Statuses?.Intersect(terminal) ?? terminal).Select(ToCore).ToList();
        if (statuses.Count == 0) return new PurgeResult(0);
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses);
        var result = await PurgeClient().PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    /// <summary>Nothing to release: the orchestration service belongs to whoever created it (the DI container).</summary>
    public override ValueTask DisposeAsync() => default;

    /// <summary>As <see cref="DisposeAsync"/>; lets a container be disposed synchronously.</summary>
    public void Dispose()
    {
    }

    private IOrchestrationServicePurgeClient PurgeClient() =>
        _client as IOrchestrationServicePurgeClient ?? throw new NotSupportedException($"{_client.GetType().Name} cannot purge instances.");

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = FirstPoll;
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (instance is not null && done(instance)) return instance;
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPoll.Ticks));
        }
    }

    /// <summary>Sends a message to an existing instance; DTFx would silently drop one addressed to an unknown id.</summary>
    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        await RequireInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        await _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = message,
        }).ConfigureAwait(false);
    }

    private async Task RequireInstanceAsync(string instanceId, CancellationToken cancellation)
    {
        if (await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false) is null)
            throw new InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.");
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads, TaskFailureDetails? failure = null) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = _converter,
        RuntimeStatus = ToSdk(state.OrchestrationStatus),
        CreatedAt = AsUtc(state.CreatedTime),
        LastUpdatedAt = AsUtc(state.LastUpdatedTime),
        SerializedInput = withPayloads ? state.Input : null,
        // Only a finished instance has an output; while suspended the row's output holds the suspend reason.
        SerializedOutput = withPayloads && IsFinished(state.OrchestrationStatus) ? state.Output : null,
        SerializedCustomStatus = state.Status,
        Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : null!,
        FailureDetails = failure ?? ToSdk(state.FailureDetails)
            ?? (state.OrchestrationStatus == CoreStatus.Failed ? FailureFromOutput(state.Output) : null),
    };

    /// <summary>
    /// The full failure (inner failures, stack traces) from the execution's completion event in its history: one history
    /// read, made only for a failed instance read with inputs and outputs.
    /// </summary>
    private async Task<TaskFailureDetails?> FailureFromHistoryAsync(OrchestrationState state)
    {
        string json = await _client.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false);
        if (string.IsNullOrEmpty(json)) return null;
        using var history = JsonDocument.Parse(json);
        if (history.RootElement.ValueKind != JsonValueKind.Array) return null;
        foreach (var e in history.RootElement.EnumerateArray().Reverse())
        {
            if (e.TryGetProperty("EventType", out var type) && type.ValueKind == JsonValueKind.Number && type.GetInt32() == (int)EventType.ExecutionCompleted &&
                e.TryGetProperty("FailureDetails", out var failure))
            {
                return ReadFailure(failure);
            }
        }

        return null;

        static TaskFailureDetails? ReadFailure(JsonElement f) => f.ValueKind != JsonValueKind.Object ? null : new TaskFailureDetails(
            Text(f, "ErrorType") ?? "(unknown)", Text(f, "ErrorMessage") ?? string.Empty, Text(f, "StackTrace"),
            f.TryGetProperty("InnerFailure", out var inner) ? ReadFailure(inner) : null, null);

        static string? Text(JsonElement f, string name) => f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>"ErrorType: message" (DTFx's FailureDetails.ToString(), stored as the output) back into failure details.</summary>
    internal static TaskFailureDetails? FailureFromOutput(string? output)
    {
        if (string.IsNullOrEmpty(output)) return null;
        int colon = output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !output.AsSpan(0, colon).ContainsAny(' ', '"', '{')
            ? new TaskFailureDetails(output[..colon], output[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("(unknown)", output, null, null, null);
    }

    private static TaskFailureDetails? ToSdk(FailureDetails? failure) =>
        failure is null ? null : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToSdk(failure.InnerFailure), null);

    private static bool IsFinished(CoreStatus status) =>
        status is CoreStatus.Completed or CoreStatus.Failed or CoreStatus.Terminated or CoreStatus.Canceled;

    private static DateTimeOffset AsUtc(DateTime time) =>
        time == default ? default : new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static Status ParseStatus(string status) =>
        Enum.TryParse<Status>(status, ignoreCase: true, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{status}' is not an orchestration runtime status.", nameof(StartOrchestrationOptions.DedupeStatuses));

    // Both enums share names and values: Running 0, Completed 1, ContinuedAsNew 2, Failed 3, Canceled 4, Terminated 5,
    // Pending 6, Suspended 7.
    private static CoreStatus ToCore(Status status) => (CoreStatus)(int)status;

    private static Status ToSdk(CoreStatus status) => (Status)(int)status;
}
