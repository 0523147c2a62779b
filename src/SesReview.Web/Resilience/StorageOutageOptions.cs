using System.Globalization;
using SesReview.Storage;

namespace SesReview.Web.Resilience;

/// <summary>
/// How the web layer behaves while storage is unreachable (section <c>StorageOutage</c>; environment
/// <c>StorageOutage__RetryAfter</c> …). Read and checked when the host starts, naming the key at fault.
/// </summary>
public sealed record StorageOutageOptions
{
    public const string SectionName = "StorageOutage";

    /// <summary>After a failure to reach storage, how long every request is answered 503 at once (and the <c>Retry-After</c>) before one probe is let through.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Network timeout of each try of a web request's storage call.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of a web request's storage call after its first try (the durable worker keeps its own policy).</summary>
    public int MaxRetries { get; init; } = 1;

    public InteractiveStorageBudget Budget => new(NetworkTimeout, MaxRetries);

    public static StorageOutageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        return new StorageOutageOptions
        {
            RetryAfter = Time(section, nameof(RetryAfter), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            NetworkTimeout = Time(section, nameof(NetworkTimeout), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)),
            MaxRetries = Count(section, nameof(MaxRetries), 1, 0, 5),
        };
    }

    private static TimeSpan Time(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidOperationException($"Setting '{SectionName}:{key}' is '{text}'; give a time span (hh:mm:ss) from {min} to {max}.");
        return value;
    }

    private static int Count(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidOperationException($"Setting '{SectionName}:{key}' is '{text}'; give a whole number from {min} to {max}.");
        return value;
    }
}
