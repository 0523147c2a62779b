namespace Durable.Backend;

/// <summary>The worker's lock on an instance expired or was taken by another worker; its checkpoint was refused.</summary>
public sealed class WorkItemLockLostException(string instanceId, Exception? inner = null)
    : Exception($"The lock on orchestration instance '{instanceId}' was lost; the episode was not committed.", inner)
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>Scheduling refused: an instance with this id exists and has not finished.</summary>
public sealed class InstanceAlreadyExistsException(string instanceId)
    : Exception($"An orchestration instance with id '{instanceId}' already exists and is not in a terminal state.")
{
    public string InstanceId { get; } = instanceId;
}
