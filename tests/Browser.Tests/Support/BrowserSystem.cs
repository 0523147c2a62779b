using EndToEnd.Tests;
using Microsoft.Playwright;
using TestSupport;

namespace Browser.Tests.Support;

/// <summary>
/// One Azurite, one host process (Development sign-in, as the main job runs it) and one headless Chromium, shared by every
/// browser test (they run one after another in the <see cref="BrowserCollection"/>). The browser is Debian's chromium
/// (<c>/usr/bin/chromium</c>, or <c>SESREVIEW_CHROMIUM</c>); nothing is downloaded.
/// </summary>
public sealed class BrowserSystem : IAsyncLifetime
{
    public const string SigningKey = "browser-tests-signing-key-0123456789abcdef";
    public const string SystemKey = "browser-tests-system-key-0123456789abcdef";

    private AzuriteProcess? _azurite;
    private HostProcess? _host;
    private IPlaywright? _playwright;

    public HostProcess Host => _host ?? throw new InvalidOperationException("Not started.");
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SESREVIEW_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: install it with 'apt-get install -y chromium' (scripts/test.sh does) or set SESREVIEW_CHROMIUM.");
        Artifacts.StartSummary();
        _azurite = await AzuriteProcess.StartAsync();
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Approvals__SigningKey"] = SigningKey,
            ["Runtime__SystemKey"] = SystemKey,
            ["Access__Mode"] = "Development",
            ["extensions__durableTask__hubName"] = "Browser" + Guid.NewGuid().ToString("N")[..8],
            // An idle hub polls every second instead of every 5 s, so each step of a flow follows the click quickly.
            ["extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["Workflows__AssessmentBatchSize"] = "50",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (its own cookies) at the given width; the pages forbid scripts, axe is injected past that.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = width, Height = height },
        BypassCSP = true,
        AcceptDownloads = true,
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSystem>
{
    public const string Name = "browser";
}
