using System.Text.RegularExpressions;

namespace SesReview.Notifications;

public enum NotificationChannel
{
    /// <summary>Local default: messages go to the outbox table and the host's <c>/outbox</c> page.</summary>
    Outbox,
    /// <summary>Microsoft Graph: email from <see cref="NotificationOptions.SenderMailbox"/>, Teams activity notifications.</summary>
    Graph,
}

/// <summary>
/// Settings of the notifications component, bound from the <c>Notifications</c> section (e.g.
/// <c>Notifications:Channel</c>, <c>Notifications:Graph:ClientSecret</c>). <see cref="Validate"/> runs at start-up and
/// names the offending key.
/// </summary>
public sealed partial class NotificationOptions
{
    public const string SectionName = "Notifications";

    public NotificationChannel Channel { get; set; } = NotificationChannel.Outbox;

    /// <summary>Mailbox (UPN or object id) the app sends from; required for Graph, unused by the outbox.</summary>
    public string SenderMailbox { get; set; } = "";

    /// <summary>Where the final package goes (OPM memo of February 5, 2025).</summary>
    public string OpmMailbox { get; set; } = "allocation-management@opm.gov";

    /// <summary>Storage for the ledger and the outbox. When empty, <c>AzureWebJobsStorage</c> is used.</summary>
    public string? StorageConnectionString { get; set; }

    public string LedgerTable { get; set; } = "NotificationLedger";
    public string OutboxTable { get; set; } = "Outbox";
    public string OutboxContainer { get; set; } = "outbox-attachments";

    /// <summary>
    /// How long a reservation of a Graph send is presumed to belong to an attempt that is still running. A retry within
    /// this time gets <see cref="NotificationInProgressException"/> rather than racing the running attempt; after it, the
    /// retry takes over and recovers. 0–1 hour; default 2 minutes. (A failed attempt releases its reservation at once.)
    /// </summary>
    public TimeSpan InFlightGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    public GraphNotificationOptions Graph { get; set; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        const string p = SectionName + ":";
        if (!Enum.IsDefined(Channel)) Fail($"{p}Channel", "must be Outbox or Graph");
        if (string.IsNullOrWhiteSpace(OpmMailbox) || !OpmMailbox.Contains('@')) Fail($"{p}OpmMailbox", "must be an email address");
        if (!TableName().IsMatch(LedgerTable ?? "")) Fail($"{p}LedgerTable", "must be 3-63 letters or digits, starting with a letter");
        if (!TableName().IsMatch(OutboxTable ?? "")) Fail($"{p}OutboxTable", "must be 3-63 letters or digits, starting with a letter");
        if (!ContainerName().IsMatch(OutboxContainer ?? "") || OutboxContainer!.Contains("--"))
            Fail($"{p}OutboxContainer", "must be 3-63 lowercase letters, digits or single hyphens");
        if (InFlightGracePeriod < TimeSpan.Zero || InFlightGracePeriod > TimeSpan.FromHours(1))
            Fail($"{p}InFlightGracePeriod", "must be between 00:00:00 and 01:00:00");
        if (Channel != NotificationChannel.Graph) return;

        if (string.IsNullOrWhiteSpace(SenderMailbox)) Fail($"{p}SenderMailbox", "is required for the Graph channel");
        if (Graph is null) Fail($"{p}Graph", "is required for the Graph channel");
        if (string.IsNullOrWhiteSpace(Graph!.TenantId)) Fail($"{p}Graph:TenantId", "is required for the Graph channel");
        if (string.IsNullOrWhiteSpace(Graph.ClientId)) Fail($"{p}Graph:ClientId", "is required for the Graph channel");
        if (string.IsNullOrWhiteSpace(Graph.ClientSecret)) Fail($"{p}Graph:ClientSecret", "is required for the Graph channel (keep it in Key Vault or user secrets)");
        if (!IsHttpUrl(Graph.BaseUrl)) Fail($"{p}Graph:BaseUrl", "must be an absolute http(s) URL such as https://graph.microsoft.com/v1.0");
        if (Graph.AuthorityHost is not null && !IsHttpUrl(Graph.AuthorityHost)) Fail($"{p}Graph:AuthorityHost", "must be an absolute http(s) URL");
        if (string.IsNullOrWhiteSpace(Graph.TeamsActivityType)) Fail($"{p}Graph:TeamsActivityType", "must name an activity type of the Teams app manifest");
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static void Fail(string key, string problem) => throw new InvalidOperationException($"Setting '{key}' {problem}.");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}

/// <summary>App-only Microsoft Graph settings (client-credential flow; application permissions Mail.Send and TeamsActivity.Send).</summary>
public sealed class GraphNotificationOptions
{
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Graph root including the version. GCC High: https://graph.microsoft.us/v1.0; DoD: https://dod-graph.microsoft.us/v1.0.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Entra authority, when not the public cloud (e.g. https://login.microsoftonline.us).</summary>
    public string? AuthorityHost { get; set; }

    /// <summary>Token scope; default <c>{scheme}://{host of BaseUrl}/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>Send Teams activity-feed notifications for messages that name a Teams recipient.</summary>
    public bool SendTeamsNotifications { get; set; } = true;

    /// <summary>Activity type declared in the Teams app manifest (<c>activities.activityTypes</c>).</summary>
    public string TeamsActivityType { get; set; } = "taskCreated";

    internal string EffectiveScope
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Scope)) return Scope;
            var uri = new Uri(BaseUrl);
            return $"{uri.Scheme}://{uri.Authority}/.default";
        }
    }
}
