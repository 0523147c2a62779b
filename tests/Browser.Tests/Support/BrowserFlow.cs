using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TestSupport;
using Xunit.Abstractions;

namespace Browser.Tests.Support;

/// <summary>
/// One browser test: the people in it (each a browser profile of their own), axe on every page state, and on failure a
/// screenshot and the HTML of every open page in <see cref="Artifacts.Folder"/>, named in the failure message.
/// Elements are found only by role, label and visible text, as a person (or a screen reader) finds them.
/// </summary>
public sealed class BrowserFlow
{
    public const string StaffName = "Jordan Staff";
    public const string StaffEmail = "jordan.staff@agency.example.gov";
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(150);

    private readonly BrowserSystem _system;
    private readonly ITestOutputHelper _output;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserFlow(BrowserSystem system, ITestOutputHelper output)
    {
        _system = system;
        _output = output;
        Axe = new AxeFindings(output.WriteLine);
    }

    public AxeFindings Axe { get; }

    /// <summary>Runs <paramref name="body"/>; saves artifacts if it throws; fails if any page state had a serious or critical axe violation.</summary>
    public static async Task RunAsync(BrowserSystem system, ITestOutputHelper output, string testName, Func<BrowserFlow, Task> body)
    {
        var flow = new BrowserFlow(system, output);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            try
            {
                await body(flow);
            }
            catch (Exception e)
            {
                var saved = await Artifacts.SaveAsync(testName, flow.OpenPages());
                output.WriteLine($"Failure artifacts: {string.Join(", ", saved)}");
                output.WriteLine($"Host output (tail):\n{Tail(system.Host.Output)}");
                throw new Xunit.Sdk.XunitException($"{e.Message}\nScreenshots and HTML: {string.Join(", ", saved)}\n{e}");
            }
            output.WriteLine($"{testName}: flow finished in {clock.Elapsed.TotalSeconds:0.0} s");
            if (flow.Axe.Blocking.Count > 0)
            {
                var saved = await Artifacts.SaveAsync(testName + "-axe", flow.OpenPages());
                Assert.Fail($"Serious or critical accessibility violations (rule, impact, targets):\n{string.Join("\n", flow.Axe.Blocking)}\nArtifacts: {string.Join(", ", saved)}");
            }
        }
        finally
        {
            foreach (var context in flow._contexts) await context.CloseAsync();
        }
    }

    private IEnumerable<IPage> OpenPages() => _contexts.SelectMany(c => c.Pages);

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    public void Print(string line) => _output.WriteLine(line);

    /// <summary>A page in a new browser profile, not signed in (approvers and signers open their links so).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await _system.NewContextAsync(width);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Executive resources staff, signed in on the sign-in page.</summary>
    public async Task<IPage> SignInAsStaffAsync(int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/signin");
        await Axe.CheckAsync(page, "sign-in");
        await page.GetByLabel("Name").FillAsync(StaffName);
        await page.GetByLabel("Email").FillAsync(StaffEmail);
        await page.GetByLabel("Role").SelectOptionAsync("ExecutiveResources");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        return page;
    }

    public async Task CheckAsync(IPage page, string state) => await Axe.CheckAsync(page, state);

    /// <summary>
    /// Reloads <c>/outbox</c> (and its older pages) until the message <paramref name="messageKey"/> of the cycle is listed, then opens
    /// it (the key is its link). Messages arrive asynchronously, newest first, 100 per page.
    /// </summary>
    public async Task OpenMessageAsync(IPage page, string cycleId, string messageKey)
    {
        await Poll.UntilAsync(async () => await FindOnOutboxAsync(page, cycleId, messageKey) ? "found" : null, MessageTimeout,
            async () => $"the outbox does not list '{messageKey}' of {cycleId}. Page text:\n{await page.InnerTextAsync("body")}\nHost output:\n{Tail(_system.Host.Output)}",
            TimeSpan.FromMilliseconds(500));
        await Row(page, cycleId, messageKey).GetByRole(AriaRole.Link, new() { Name = messageKey }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
    }

    /// <summary>Which of <paramref name="messageKeys"/> the outbox lists first for the cycle (polled).</summary>
    public Task<string> WaitForAnyMessageAsync(IPage page, string cycleId, params string[] messageKeys) =>
        Poll.UntilAsync(async () =>
        {
            foreach (var key in messageKeys)
                if (await FindOnOutboxAsync(page, cycleId, key)) return key;
            return null;
        }, MessageTimeout, () => Task.FromResult($"none of {string.Join(", ", messageKeys)} of {cycleId} arrived.\nHost output:\n{Tail(_system.Host.Output)}"),
            TimeSpan.FromMilliseconds(500));

    private static ILocator Row(IPage page, string cycleId, string messageKey) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = cycleId }).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = messageKey, Exact = true }) });

    private static async Task<bool> FindOnOutboxAsync(IPage page, string cycleId, string messageKey)
    {
        await page.GotoAsync("/outbox");
        while (true)
        {
            if (await Row(page, cycleId, messageKey).CountAsync() > 0) return true;
            var older = page.GetByRole(AriaRole.Link, new() { Name = "Older" });
            if (await older.CountAsync() == 0) return false;
            await older.First.ClickAsync();
        }
    }

    /// <summary>From an open outbox message, follows its task link in a new profile (approvers and signers do not sign in).</summary>
    public async Task<IPage> FollowTaskLinkAsync(IPage message, string linkName)
    {
        var href = await message.GetByRole(AriaRole.Link, new() { Name = linkName }).First.GetAttributeAsync("href")
            ?? throw new InvalidOperationException($"The message has no '{linkName}' link.");
        var page = await NewPageAsync();
        await page.GotoAsync(href);
        return page;
    }

    /// <summary>The position ids of a decision page, read from the accessible names of its justification boxes.</summary>
    public static async Task<IReadOnlyList<string>> PositionIdsAsync(IPage page)
    {
        var boxes = page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Justification for ") });
        var ids = new List<string>();
        foreach (var box in await boxes.AllAsync())
        {
            var name = await box.EvaluateAsync<string>("e => e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '')");
            ids.Add(name.Trim()["Justification for ".Length..].Trim());
        }
        return ids;
    }

    /// <summary>The fieldset holding one position's choices, found by its legend ("P-0042: Deputy Director").</summary>
    public static ILocator PositionChoices(IPage page, string positionId) =>
        page.Locator("fieldset").Filter(new() { Has = page.Locator("legend").GetByText(new Regex("^" + Regex.Escape(positionId) + ":")) });
}
