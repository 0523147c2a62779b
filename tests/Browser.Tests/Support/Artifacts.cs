using Microsoft.Playwright;

namespace Browser.Tests.Support;

/// <summary>
/// Where a failed browser test leaves its evidence: <c>tests/Browser.Tests/TestResults/browser-artifacts/</c> (or
/// <c>SESREVIEW_BROWSER_ARTIFACTS</c>), a full-page PNG and the HTML of every page the test had open.
/// </summary>
public static class Artifacts
{
    private static readonly object Gate = new();

    public static string Folder { get; } = Environment.GetEnvironmentVariable("SESREVIEW_BROWSER_ARTIFACTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(TestSupport.RepositoryRoot.Path, "tests", "Browser.Tests", "TestResults", "browser-artifacts");

    public static async Task<IReadOnlyList<string>> SaveAsync(string testName, IEnumerable<IPage> pages)
    {
        Directory.CreateDirectory(Folder);
        var saved = new List<string>();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        var index = 0;
        foreach (var page in pages.Where(p => !p.IsClosed))
        {
            var stem = Path.Combine(Folder, $"{testName}-{stamp}-{++index}");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
                saved.Add(stem + ".png");
                await File.WriteAllTextAsync(stem + ".html", $"<!-- {page.Url} -->\n" + await page.ContentAsync());
                saved.Add(stem + ".html");
            }
            catch (PlaywrightException e)
            {
                saved.Add($"{stem}: not saved ({e.Message})");
            }
        }
        return saved;
    }

    /// <summary>Starts this run's axe summary afresh, so it lists only the page states this run checked.</summary>
    public static void StartSummary()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Path.Combine(Folder, "axe-summary.tsv"), "impact\trule\tpage state\telements" + Environment.NewLine);
        }
    }

    public static void AppendSummary(string line)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            File.AppendAllText(Path.Combine(Folder, "axe-summary.tsv"), line + Environment.NewLine);
        }
    }
}
