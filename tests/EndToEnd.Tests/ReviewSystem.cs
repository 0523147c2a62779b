using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Domain.Model;
using SesReview.Notifications;
using SesReview.Notifications.Outbox;
using SesReview.Workbooks.Export;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// Azurite plus the host as a real process, and what a user (or a test) does with them over HTTP: upload an inventory,
/// start a cycle, follow the links the outbox holds, read the cycle's status. The outbox is read from the same storage
/// the host writes (as the host's /outbox page does). The host runs in Development sign-in mode; <see cref="Http"/> is
/// signed in as executive resources staff on its sign-in page (<see cref="StaffEmail"/>), <see cref="Anonymous"/> is not.
/// </summary>
public sealed class ReviewSystem : IAsyncDisposable
{
    public const string SigningKey = "end-to-end-signing-key-0123456789abcdef";
    public const string SystemKey = "end-to-end-system-key-0123456789abcdef";
    public const string StaffName = "Jordan Staff";
    public const string StaffEmail = "jordan.staff@agency.example.gov";
    private static readonly HtmlParser Parser = new();

    private readonly Dictionary<string, string> _settings;

    private ReviewSystem(AzuriteProcess azurite, HostProcess host, IOutboxReader outbox, Dictionary<string, string> settings, HttpClient staff)
    {
        _settings = settings;
        Azurite = azurite;
        Host = host;
        Outbox = outbox;
        Http = staff;
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public AzuriteProcess Azurite { get; }
    public HostProcess Host { get; }
    public IOutboxReader Outbox { get; }

    /// <summary>Signed in as executive resources staff (<see cref="StaffEmail"/>); follows no redirects.</summary>
    public HttpClient Http { get; }

    /// <summary>Not signed in (approvers and signers open their task links so); follows no redirects.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client signed in on the host's sign-in page with <paramref name="role"/> (ExecutiveResources or Compliance).</summary>
    public Task<HttpClient> SignInAsync(string name, string email, string role) => HostProcess.SignInAsync(Host.BaseAddress, name, email, role);

    /// <summary>Short durations replace the business-day rules so that reminders and escalations fire within seconds.</summary>
    public static async Task<ReviewSystem> StartAsync(IDictionary<string, string>? extra = null)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Approvals__SigningKey"] = SigningKey,
            ["Runtime__SystemKey"] = SystemKey,
            // The main job's sign-in: the host listens on 127.0.0.1 only (HostProcess).
            ["Access__Mode"] = "Development",
            ["extensions__durableTask__hubName"] = "E2E" + Guid.NewGuid().ToString("N")[..8],
            // The product's visibility timeouts and leases, so the kills below measure its real resumption time; an idle
            // hub polls every second instead of every 5 s so the many short waits of the test add up to less.
            ["extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["Workflows__AssessmentBatchSize"] = "10",
            ["Workflows__ApproverDueAfter"] = "00:00:08",
            ["Workflows__ReminderLeadTimes__0"] = "00:00:05",
            ["Workflows__EscalationRepeatAfter"] = "00:00:00",
            ["Workflows__InternalCutOffAfter"] = "00:30:00",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
        var host = await HostProcess.StartAsync(settings);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        var outbox = new ServiceCollection().AddLogging().AddSesReviewNotifications(configuration).BuildServiceProvider().GetRequiredService<IOutboxReader>();
        var staff = await HostProcess.SignInAsync(host.BaseAddress, StaffName, StaffEmail, "ExecutiveResources");
        return new ReviewSystem(azurite, host, outbox, settings, staff);
    }

    /// <summary>The task hub every host of this system shares.</summary>
    public string HubName => _settings["extensions__durableTask__hubName"];

    /// <summary>A second host process on the same storage and task hub (its own port); the caller disposes it.</summary>
    public Task<HostProcess> StartAnotherHostAsync() => HostProcess.StartAsync(_settings);

    public async Task<JsonElement> UploadAsync(PositionInventory inventory)
    {
        using var bytes = new MemoryStream();
        InventoryWorkbookWriter.Write(inventory, bytes);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes.ToArray()), "file", "inventory.xlsx" } };
        var response = await ApiAntiforgery.PostFormAsync(Http, "/api/inventories", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public async Task<HttpResponseMessage> StartCycleAsync(object request) => await Http.PostAsJsonAsync("/api/cycles", request);

    public async Task<JsonElement> GetCycleAsync(string cycleId)
    {
        var response = await Http.GetAsync($"/api/cycles/{Uri.EscapeDataString(cycleId)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>The cycle's assessed positions as the API lists them (what the assessment has stored so far).</summary>
    public async Task<JsonElement> GetPositionsAsync(string cycleId)
    {
        var response = await Http.GetAsync($"/api/cycles/{Uri.EscapeDataString(cycleId)}/positions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Polls the cycle until <paramref name="until"/> holds; fails with the last status and the host's output.</summary>
    public async Task<JsonElement> WaitForCycleAsync(string cycleId, Func<JsonElement, bool> until, int seconds = 120, int pollMilliseconds = 200)
    {
        JsonElement last = default;
        await Poll.UntilAsync(async () => until(last = await GetCycleAsync(cycleId)) ? new object() : null, TimeSpan.FromSeconds(seconds),
            () => Task.FromResult($"cycle {cycleId} did not reach the expected state. Last: {last}\nHost output (tail):\n{Tail(Host.Output)}"),
            TimeSpan.FromMilliseconds(pollMilliseconds));
        return last;
    }

    public Task<OutboxItem> WaitForMessageAsync(string cycleId, string key, int seconds = 120) =>
        Poll.UntilAsync(() => Outbox.GetAsync(cycleId, key), TimeSpan.FromSeconds(seconds),
            async () => $"no message '{key}' for {cycleId}. Outbox: {string.Join(", ", (await Outbox.ListAsync(cycleId, 500)).Select(m => m.MessageKey))}" +
                        $"\nHost output (tail):\n{Tail(Host.Output)}",
            TimeSpan.FromMilliseconds(200));

    /// <summary>The task link of a message, as a path on the host (the link points at the host's public URL).</summary>
    public static string LinkOf(OutboxItem item) => new Uri(item.Message.Action!.Url).PathAndQuery;

    /// <summary>A task page, opened as an approver or signer does: without signing in.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a task page's form, as an approver or signer does: without signing in.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await Anonymous.PostAsync(path, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
