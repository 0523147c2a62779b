using System.Text.RegularExpressions;

namespace Durable.AzureStorage;

/// <summary>
/// Settings of the Azure Storage backend (bound from <c>host.json</c> <c>extensions.durableTask</c> and app settings).
/// <see cref="Validate"/> runs at construction and names the offending key.
/// </summary>
public sealed partial class AzureStorageOrchestrationServiceOptions
{
    /// <summary>Storage connection string, e.g. <c>UseDevelopmentStorage=true</c> or Azurite's explicit endpoints.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Task hub name: 3–45 letters and digits, starting with a letter. Storage names use its lowercase form.</summary>
    public string TaskHubName { get; set; } = "DurableHub";

    /// <summary>Number of control queues (1–16). Instances are spread over them by a stable hash of the instance id; each is owned by one worker at a time.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>A message dequeued more than this many times is moved to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a worker's partition lease lasts without renewal; a crashed worker's partitions are taken over after this.</summary>
    public TimeSpan PartitionLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed and partitions rebalanced between workers; less than <see cref="PartitionLeaseDuration"/>.</summary>
    public TimeSpan PartitionLeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a dequeued message stays invisible to others while a worker holds it (renewed by the Renew* calls).</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before an abandoned work item's messages are visible again.</summary>
    public TimeSpan AbandonedMessageVisibilityDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages fetched per control-queue or work-item-queue request (1–32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>
    /// Most activity executions one work-item queue message carries (1–100). An episode that schedules N activities
    /// writes about N / this many queue messages (activities of episodes committed at the same moment may share one); a
    /// worker that dequeues one runs its items concurrently. 1 = one message per activity.
    /// </summary>
    public int MaxActivitiesPerMessage { get; set; } = 16;

    /// <summary>
    /// Most task messages (activity results and other messages for one instance) one control-queue message carries (1–1000).
    /// Results for an instance that are sent at the same moment share a message.
    /// </summary>
    public int MaxResultsPerMessage { get; set; } = 100;

    /// <summary>
    /// When the worker that ran an activity owns the instance's partition, hand the result over in memory instead of a
    /// control-queue message; the work-item message is deleted only after the episode applying the result commits.
    /// </summary>
    public bool LocalResultDelivery { get; set; } = true;

    /// <summary>About how many activity work items one read of the work-item queue fetches (1–1000); the message count is derived from the batch size seen last.</summary>
    public int ActivityPrefetchCount { get; set; } = 32;

    /// <summary>Clock for lease expiry, timer delays, poison records and instance creation times. Tests may inject a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Messages held in memory per owned partition before fetching pauses.</summary>
    public int MaxBufferedMessagesPerPartition { get; set; } = 1000;

    /// <summary>Shortest pause after an empty poll; doubles up to <see cref="PollBackoffMax"/>.</summary>
    public TimeSpan PollBackoffMin { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan PollBackoffMax { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest single queue delay of a timer message (the service caps it at 7 days). Longer timers are re-enqueued for the
    /// remainder each time a link of the chain comes due, so any length works.
    /// </summary>
    public TimeSpan MaxTimerDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Payloads larger than this (queue message UTF-8 bytes, or table property UTF-16 bytes) are stored in the large-message blob container.</summary>
    public int LargePayloadThresholdBytes { get; set; } = 45 * 1024;

    /// <summary>Histories of recently run instances kept in memory (validated by the sentinel ETag at commit).</summary>
    public int HistoryCacheCapacity { get; set; } = 5000;

    /// <summary>Concurrent storage calls one operation may issue (parallel sends and deletes).</summary>
    public int MaxParallelStorageOperations { get; set; } = 32;

    /// <summary>
    /// Storage requests this service keeps in flight at once, over all callers (dispatcher loops, partition fetchers,
    /// parallel sends and deletes); further requests wait for a slot before they are issued (and before their timeout
    /// starts). Azurite is single-threaded: more than a few dozen concurrent requests only lengthen its queue.
    /// </summary>
    public int MaxConcurrentStorageRequests { get; set; } = 24;

    /// <summary>First retry delay after a transient storage fault; doubles up to <see cref="StorageRetryMaxDelay"/>.</summary>
    public TimeSpan StorageRetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan StorageRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one storage call keeps retrying transient faults before the error surfaces to the caller.</summary>
    public TimeSpan StorageRetryMaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one storage request.</summary>
    public TimeSpan StorageRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Identifies this worker in partition leases; defaults to machine name, process id and a random suffix.</summary>
    public string WorkerId { get; set; } = DefaultWorkerId();

    public void Validate()
    {
        static void Fail(string key, string message) =>
            throw new ArgumentException($"{nameof(AzureStorageOrchestrationServiceOptions)}.{key} {message}", key);

        if (string.IsNullOrWhiteSpace(ConnectionString)) Fail(nameof(ConnectionString), "is required.");
        if (TaskHubName is null || !HubNamePattern().IsMatch(TaskHubName))
            Fail(nameof(TaskHubName), $"must be 3–45 letters or digits starting with a letter (was '{TaskHubName}').");
        if (PartitionCount is < 1 or > 16) Fail(nameof(PartitionCount), $"must be 1–16 (was {PartitionCount}).");
        if (MaxDequeueCount < 1) Fail(nameof(MaxDequeueCount), $"must be at least 1 (was {MaxDequeueCount}).");
        if (PartitionLeaseDuration < TimeSpan.FromSeconds(1)) Fail(nameof(PartitionLeaseDuration), "must be at least 1 second.");
        if (PartitionLeaseRenewInterval <= TimeSpan.Zero || PartitionLeaseRenewInterval >= PartitionLeaseDuration)
            Fail(nameof(PartitionLeaseRenewInterval), "must be positive and shorter than PartitionLeaseDuration.");
        if (MessageVisibilityTimeout < TimeSpan.FromSeconds(1) || MessageVisibilityTimeout > TimeSpan.FromDays(7))
            Fail(nameof(MessageVisibilityTimeout), "must be between 1 second and 7 days.");
        if (AbandonedMessageVisibilityDelay < TimeSpan.Zero) Fail(nameof(AbandonedMessageVisibilityDelay), "must not be negative.");
        if (ControlQueueBatchSize is < 1 or > 32) Fail(nameof(ControlQueueBatchSize), $"must be 1–32 (was {ControlQueueBatchSize}).");
        if (MaxActivitiesPerMessage is < 1 or > 100) Fail(nameof(MaxActivitiesPerMessage), $"must be 1–100 (was {MaxActivitiesPerMessage}).");
        if (MaxResultsPerMessage is < 1 or > 1000) Fail(nameof(MaxResultsPerMessage), $"must be 1–1000 (was {MaxResultsPerMessage}).");
        if (ActivityPrefetchCount is < 1 or > 1000) Fail(nameof(ActivityPrefetchCount), $"must be 1–1000 (was {ActivityPrefetchCount}).");
        if (TimeProvider is null) Fail(nameof(TimeProvider), "is required.");
        if (MaxBufferedMessagesPerPartition < ControlQueueBatchSize) Fail(nameof(MaxBufferedMessagesPerPartition), "must be at least ControlQueueBatchSize.");
        if (PollBackoffMin <= TimeSpan.Zero || PollBackoffMax < PollBackoffMin) Fail(nameof(PollBackoffMin), "must be positive and not above PollBackoffMax.");
        if (MaxTimerDelay < TimeSpan.FromSeconds(1) || MaxTimerDelay > TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1))
            Fail(nameof(MaxTimerDelay), "must be between 1 second and 7 days (the queue service's limit).");
        if (LargePayloadThresholdBytes is < 1024 or > 45 * 1024) Fail(nameof(LargePayloadThresholdBytes), "must be 1 KB–45 KB.");
        if (HistoryCacheCapacity < 0) Fail(nameof(HistoryCacheCapacity), "must not be negative.");
        if (MaxParallelStorageOperations < 1) Fail(nameof(MaxParallelStorageOperations), "must be at least 1.");
        if (MaxConcurrentStorageRequests < 1) Fail(nameof(MaxConcurrentStorageRequests), "must be at least 1.");
        if (StorageRetryInitialDelay <= TimeSpan.Zero || StorageRetryMaxDelay < StorageRetryInitialDelay)
            Fail(nameof(StorageRetryInitialDelay), "must be positive and not above StorageRetryMaxDelay.");
        if (StorageRetryMaxDuration < TimeSpan.Zero) Fail(nameof(StorageRetryMaxDuration), "must not be negative.");
        if (StorageRequestTimeout < TimeSpan.FromSeconds(1)) Fail(nameof(StorageRequestTimeout), "must be at least 1 second.");
        if (string.IsNullOrWhiteSpace(WorkerId) || WorkerId.IndexOfAny(['/', '\\', '#', '?']) >= 0)
            Fail(nameof(WorkerId), "must be non-empty and free of '/', '\\', '#' and '?'.");
    }

    private static string DefaultWorkerId()
    {
        string id = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return id.Length <= 100 ? id : id[^100..];
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNamePattern();
}
