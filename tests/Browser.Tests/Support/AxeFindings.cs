using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Browser.Tests.Support;

/// <summary>
/// Axe on one page state. Serious and critical violations are kept to fail the test at its end (so one run reports every
/// page of the flow); moderate and minor ones are printed. Every page state checked is appended to <c>axe-summary.tsv</c>
/// in the artifacts folder, a line per violation or a "none" line, so a passing run also leaves the record of what was checked.
/// </summary>
public sealed class AxeFindings(Action<string> print)
{
    private readonly List<string> _blocking = [];

    public IReadOnlyList<string> Blocking => _blocking;

    public async Task CheckAsync(IPage page, string state)
    {
        // Message bodies sit in a sandboxed frame that runs no script, so axe checks the page itself, not inside frames.
        var result = await page.RunAxe(new AxeRunOptions { Iframes = false }).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var violation in result.Violations)
        {
            var targets = string.Join(" | ", violation.Nodes.Take(5).Select(n => n.Target?.ToString()));
            var line = $"{state}: {violation.Id} ({violation.Impact}) on {violation.Nodes.Length} element(s): {targets}";
            if (violation.Impact is "serious" or "critical") _blocking.Add(line);
            print($"axe {line}");
            Artifacts.AppendSummary($"{violation.Impact}\t{violation.Id}\t{state}\t{violation.Nodes.Length}");
        }
        if (result.Violations.Length == 0) Artifacts.AppendSummary($"none\t-\t{state}\t0");
        print($"axe {state}: {result.Violations.Length} violation(s), {result.Passes.Length} rule(s) passed");
    }
}
