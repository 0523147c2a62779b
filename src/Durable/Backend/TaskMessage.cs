using Durable.History;

namespace Durable.Backend;

/// <summary>
/// A history event on its way to one orchestration instance (control queue) or to an activity worker
/// (work-item queue). <paramref name="ExecutionId"/> null means "whatever execution is current"
/// (external events, terminate); otherwise a message for a finished execution is dropped.
/// </summary>
/// <param name="DeliverAt">For timer messages: not delivered before this instant.</param>
public sealed record TaskMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTimeOffset? DeliverAt = null);
