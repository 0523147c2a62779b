using Microsoft.Extensions.Configuration;

namespace Durable.Options;

/// <summary>
/// Every tunable of the engine (worker, client, backends) with its default. Bound from the host.json-shaped section
/// <c>extensions:durableTask</c> by <see cref="Bind"/>; <see cref="Validate"/> names the offending key.
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>Section path of these options in configuration built from host.json.</summary>
    public const string SectionPath = "extensions:durableTask";

    /// <summary>Task hub name (<c>hubName</c>): 3–45 letters or digits, starting with a letter (Azure table/queue naming).</summary>
    public string HubName { get; set; } = "DurableTaskHub";

    /// <summary>Control-queue partitions (<c>storageProvider:partitionCount</c>), 1–16. Fixed for the life of a task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Orchestration episodes run at once per worker (<c>maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Activities run at once per worker (<c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// A work item handed out more than this many times (<c>maxDequeueCount</c>) is poison: an activity is answered
    /// with a failed result, an orchestration is failed; the reason shows in the instance status.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// Activity messages outstanding per orchestration instance (<c>maxActivitiesInFlightPerOrchestration</c>).
    /// Scheduling is recorded in full; messages are released as results arrive. 0 means unbounded.
    /// Changing it while a fan-out is running is safe only downwards (raising it leaves the difference unsent until
    /// the work item is redelivered).
    /// </summary>
    public int MaxActivitiesInFlightPerOrchestration { get; set; } = 200;

    /// <summary>
    /// Instances whose live orchestrator a worker keeps in memory between episodes (<c>extendedSessionCacheSize</c>;
    /// LRU). 0 disables extended sessions: every episode replays from history.
    /// </summary>
    public int ExtendedSessionCacheSize { get; set; } = 256;

    /// <summary>How long a worker holds an instance or activity before another may take it (<c>storageProvider:workItemLockTimeout</c>); renewed at half-time.</summary>
    public TimeSpan WorkItemLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait of one dispatcher poll (<c>storageProvider:maxQueuePollingInterval</c>).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest interval between status reads while a client waits for an instance (<c>clientMaxPollingInterval</c>).</summary>
    public TimeSpan ClientMaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest single hop of a durable timer message (<c>storageProvider:maxTimerInterval</c>). Backends whose queues
    /// cap message delays (Azure: 7 days) deliver longer timers as a chain of hops; only the final fire is recorded.
    /// </summary>
    public TimeSpan MaxTimerInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Reads the host.json-shaped <paramref name="section"/> (the <c>durableTask</c> object) over the defaults.</summary>
    public static DurableTaskOptions Bind(IConfiguration section)
    {
        var options = new DurableTaskOptions();
        options.HubName = section["hubName"] ?? options.HubName;
        options.PartitionCount = Int(section, "storageProvider:partitionCount", options.PartitionCount);
        options.MaxConcurrentOrchestrations = Int(section, "maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestrations);
        options.MaxConcurrentActivities = Int(section, "maxConcurrentActivityFunctions", options.MaxConcurrentActivities);
        options.MaxDequeueCount = Int(section, "maxDequeueCount", options.MaxDequeueCount);
        options.MaxActivitiesInFlightPerOrchestration = Int(section, "maxActivitiesInFlightPerOrchestration", options.MaxActivitiesInFlightPerOrchestration);
        options.ExtendedSessionCacheSize = Int(section, "extendedSessionCacheSize", options.ExtendedSessionCacheSize);
        options.WorkItemLockTimeout = Time(section, "storageProvider:workItemLockTimeout", options.WorkItemLockTimeout);
        options.MaxQueuePollingInterval = Time(section, "storageProvider:maxQueuePollingInterval", options.MaxQueuePollingInterval);
        options.MaxTimerInterval = Time(section, "storageProvider:maxTimerInterval", options.MaxTimerInterval);
        options.ClientMaxPollingInterval = Time(section, "clientMaxPollingInterval", options.ClientMaxPollingInterval);
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid key (host.json name) and its value.</summary>
    public DurableTaskOptions Validate()
    {
        if (HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            Fail("hubName", HubName, "3 to 45 letters or digits, starting with a letter");
        }

        Range("storageProvider:partitionCount", PartitionCount, 1, 16);
        Range("maxConcurrentOrchestratorFunctions", MaxConcurrentOrchestrations, 1, 10_000);
        Range("maxConcurrentActivityFunctions", MaxConcurrentActivities, 1, 10_000);
        Range("maxDequeueCount", MaxDequeueCount, 1, 1_000);
        Range("maxActivitiesInFlightPerOrchestration", MaxActivitiesInFlightPerOrchestration, 0, 1_000_000);
        Range("extendedSessionCacheSize", ExtendedSessionCacheSize, 0, 1_000_000);
        Positive("storageProvider:workItemLockTimeout", WorkItemLockTimeout);
        Positive("storageProvider:maxQueuePollingInterval", MaxQueuePollingInterval);
        Positive("storageProvider:maxTimerInterval", MaxTimerInterval);
        Positive("clientMaxPollingInterval", ClientMaxPollingInterval);
        return this;
    }

    private static void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Fail(key, value, $"between {min} and {max}");
        }
    }

    private static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Fail(key, value, "a positive time span");
        }
    }

    private static void Fail(string key, object value, string expected) =>
        throw new ArgumentException($"Invalid durable task setting '{SectionPath}:{key}' = '{value}': expected {expected}.");

    private static int Int(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"Invalid durable task setting '{SectionPath}:{key}' = '{text}': expected a whole number.");
    }

    private static TimeSpan Time(IConfiguration section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"Invalid durable task setting '{SectionPath}:{key}' = '{text}': expected a time span such as 00:05:00.");
    }
}
