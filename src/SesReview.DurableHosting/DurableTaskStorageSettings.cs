using System.Globalization;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace SesReview.DurableHosting;

/// <summary>
/// Reads the Durable Functions <c>host.json</c> section <c>extensions:durableTask</c> (same key names, so one host.json
/// serves Azure Functions and the self-host) into DTFx's <see cref="AzureStorageOrchestrationServiceSettings"/>.
/// Every key is optional; a value that does not parse or is out of range throws <see cref="ArgumentException"/> naming
/// the full key.
/// </summary>
/// <remarks>
/// <para>Keys (defaults in brackets): <c>hubName</c> [DurableTaskHub];
/// <c>storageProvider:connectionName</c> (or <c>connectionStringName</c>) [AzureWebJobsStorage] — the name of the
/// setting holding the connection string, looked up as <c>name</c>, <c>Values:name</c> and
/// <c>ConnectionStrings:name</c>; <c>storageProvider:partitionCount</c> [4];
/// <c>storageProvider:controlQueueVisibilityTimeout</c> [00:00:30]; <c>storageProvider:workItemQueueVisibilityTimeout</c>
/// [00:00:30]; <c>storageProvider:maxQueuePollingInterval</c> [00:00:05]; <c>storageProvider:controlQueueBatchSize</c>
/// [32]; <c>storageProvider:controlQueueBufferThreshold</c> [64]; <c>storageProvider:useTablePartitionManagement</c>
/// [true]; <c>maxConcurrentActivityFunctions</c> and <c>maxConcurrentOrchestratorFunctions</c> [10 × processors];
/// <c>extendedSessionsEnabled</c> [false]; <c>extendedSessionIdleTimeoutInSeconds</c> [30].</para>
/// <para>Not in the Durable Functions schema (the Functions host ignores them; DTFx exposes them):
/// <c>storageProvider:leaseInterval</c> [00:00:30], <c>storageProvider:leaseAcquireInterval</c> [00:00:05],
/// <c>storageProvider:leaseRenewInterval</c> [00:00:10].</para>
/// <para><b>Recovery after a kill -9.</b> A dead worker's work comes back when (a) its partition leases expire and a
/// live worker claims them, and (b) the queue messages it had dequeued become visible again. DTFx's defaults, a 30 s
/// lease and 5-minute visibility timeouts, make (b) take up to five minutes. Here both visibility timeouts are 30 s:
/// DTFx renews a message's visibility while its work item runs (an activity running longer than 5 s is renewed every
/// 5 s at this setting, one queue operation each), so the short timeout only bounds how long a crashed worker's
/// messages stay hidden. The lease stays 30 s (renewed every acquire interval, so two slow renewals on a busy storage
/// account do not lose it) and the table partition manager looks for expired leases every 5 s instead of 10 s. Both
/// clocks run from before the kill, so after a restart work resumes within about max(lease + acquire interval,
/// visibility timeout) + polling interval ≈ 40 s, under a minute. The 5 s polling interval also bounds how long an
/// idle hub takes to notice a new instance or event (one queue read per partition per 5 s when idle).</para>
/// </remarks>
public static class DurableTaskStorageSettings
{
    /// <summary>Path of the Durable Functions section in configuration built from host.json.</summary>
    public const string SectionPath = "extensions:durableTask";

    /// <summary>Setting that holds the storage connection string unless <c>storageProvider:connectionName</c> names another.</summary>
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseAcquireInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxQueuePollingInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Settings for <see cref="AzureStorageOrchestrationService"/> from <paramref name="configuration"/> (the root: the
    /// section is read at <see cref="SectionPath"/>, the connection string from the root).
    /// </summary>
    public static AzureStorageOrchestrationServiceSettings FromConfiguration(IConfiguration configuration, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = new Reader(configuration.GetSection(SectionPath));
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = section.HubName("hubName", "DurableTaskHub"),
            StorageAccountClientProvider = ConnectionFor(configuration, section),
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            // A start refused by its dedupe statuses throws (the client reports it) instead of being dropped silently.
            ThrowExceptionOnInvalidDedupeStatus = true,
            PartitionCount = section.Int("storageProvider:partitionCount", 4, 1, 16),
            ControlQueueVisibilityTimeout = section.Time("storageProvider:controlQueueVisibilityTimeout", VisibilityTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            WorkItemQueueVisibilityTimeout = section.Time("storageProvider:workItemQueueVisibilityTimeout", VisibilityTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            MaxQueuePollingInterval = section.Time("storageProvider:maxQueuePollingInterval", MaxQueuePollingInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            ControlQueueBatchSize = section.Int("storageProvider:controlQueueBatchSize", 32, 1, 32),
            ControlQueueBufferThreshold = section.Int("storageProvider:controlQueueBufferThreshold", 64, 1, 10_000),
            UseTablePartitionManagement = section.Bool("storageProvider:useTablePartitionManagement", true),
            LeaseInterval = section.Time("storageProvider:leaseInterval", LeaseInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            LeaseAcquireInterval = section.Time("storageProvider:leaseAcquireInterval", LeaseAcquireInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            LeaseRenewInterval = section.Time("storageProvider:leaseRenewInterval", LeaseRenewInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            MaxConcurrentTaskActivityWorkItems = section.Int("maxConcurrentActivityFunctions", 10 * Environment.ProcessorCount, 1, 10_000),
            MaxConcurrentTaskOrchestrationWorkItems = section.Int("maxConcurrentOrchestratorFunctions", 10 * Environment.ProcessorCount, 1, 10_000),
            ExtendedSessionsEnabled = section.Bool("extendedSessionsEnabled", false),
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(section.Int("extendedSessionIdleTimeoutInSeconds", 30, 1, 3_600)),
        };
        if (loggerFactory is not null) settings.LoggerFactory = loggerFactory;

        if (settings.LeaseAcquireInterval >= settings.LeaseInterval)
            section.Fail("storageProvider:leaseAcquireInterval", settings.LeaseAcquireInterval, $"shorter than storageProvider:leaseInterval ({settings.LeaseInterval})");
        if (settings.LeaseRenewInterval >= settings.LeaseInterval)
            section.Fail("storageProvider:leaseRenewInterval", settings.LeaseRenewInterval, $"shorter than storageProvider:leaseInterval ({settings.LeaseInterval})");
        if (!settings.UseTablePartitionManagement && (settings.LeaseInterval < TimeSpan.FromSeconds(15) || settings.LeaseInterval > TimeSpan.FromSeconds(60)))
            section.Fail("storageProvider:leaseInterval", settings.LeaseInterval, "between 00:00:15 and 00:01:00 (a blob lease) when useTablePartitionManagement is false");
        return settings;
    }

    private static StorageAccountClientProvider ConnectionFor(IConfiguration root, Reader section)
    {
        string nameKey = section.Has("storageProvider:connectionName") ? "storageProvider:connectionName" : "storageProvider:connectionStringName";
        string name = section.Text(nameKey) ?? DefaultConnectionName;
        string? connection = root[name] ?? root["Values:" + name] ?? root.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException(
                $"Setting '{name}' (the durable task storage connection string, named by '{SectionPath}:{nameKey}') is missing; " +
                "use \"UseDevelopmentStorage=true\" for Azurite.");
        }

        try
        {
            // Parses the string now (no request is sent), so a malformed one fails at start-up, naming its setting.
            _ = new TableServiceClient(connection);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"Setting '{name}' is not a valid storage connection string: {e.Message}", e);
        }

        return BudgetedStorageClients.For(connection);
    }

    /// <summary>Typed reads of one section that name the full key in every error.</summary>
    private sealed class Reader(IConfigurationSection section)
    {
        public bool Has(string key) => section[key] is not null;

        public string? Text(string key) => section[key] is { Length: > 0 } text ? text : null;

        public string HubName(string key, string fallback)
        {
            string name = Text(key) ?? fallback;
            // Azure Storage task hub rule: 3–45 letters or digits, starting with a letter (it prefixes queue and table names).
            if (name.Length is < 3 or > 45 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
                Fail(key, name, "3 to 45 letters or digits, starting with a letter");
            return name;
        }

        public int Int(string key, int fallback, int min, int max)
        {
            if (Text(key) is not { } text) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) Fail(key, text, "a whole number");
            if (value < min || value > max) Fail(key, text, $"between {min} and {max}");
            return value;
        }

        public TimeSpan Time(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
        {
            if (Text(key) is not { } text) return fallback;
            if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)) Fail(key, text, "a time span such as 00:00:30");
            if (value < min || value > max) Fail(key, text, $"between {min} and {max}");
            return value;
        }

        public bool Bool(string key, bool fallback)
        {
            if (Text(key) is not { } text) return fallback;
            return bool.TryParse(text, out bool value) ? value : Fail<bool>(key, text, "true or false");
        }

        public void Fail(string key, object value, string expected) => Fail<bool>(key, value, expected);

        private static T Fail<T>(string key, object value, string expected) =>
            throw new ArgumentException($"Invalid durable task setting '{SectionPath}:{key}' = '{value}': expected {expected}.");
    }
}
