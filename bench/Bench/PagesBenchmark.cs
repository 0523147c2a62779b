using System.Diagnostics;
using System.Text;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Web.Pages;
using SesReview.Workflows.Cycles;

namespace Bench;

/// <summary>
/// Issue 10's page-size benchmark: the cycle page of a designation review of 1,500 and of 12,000 positions (the generator's
/// inventories, assessed by the product's rules), rendered as served (100 positions per page), against a baseline measured in
/// the same run: the same page with every position inline, as the page was before paging. Prints the HTML size and the render
/// time (fastest of five, after a warm-up; no storage or HTTP, only the rendering).
/// </summary>
public static class PagesBenchmark
{
    private static readonly DateOnly AsOf = new(2025, 2, 10);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static void Run(TextWriter output)
    {
        output.WriteLine("Cycle page (designation review): HTML size and render time, paged (100 positions per page) vs every position inline");
        output.WriteLine($"{"positions",10} {"page",-22} {"HTML",10} {"render",10}");
        var warmUp = Cycle(1_500);
        for (var i = 0; i < 3; i++) { Render(warmUp, paged: true); Render(warmUp, paged: false); }
        foreach (var count in new[] { 1_500, 12_000 })
        {
            var (details, positions) = Cycle(count);
            foreach (var paged in new[] { false, true })
            {
                var bytes = 0;
                var best = TimeSpan.MaxValue;
                for (var run = 0; run < 5; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var html = Render((details, positions), paged);
                    watch.Stop();
                    bytes = Encoding.UTF8.GetByteCount(html);
                    if (watch.Elapsed < best) best = watch.Elapsed;
                }
                output.WriteLine($"{count,10:N0} {(paged ? "paged (as served)" : "baseline: all inline"),-22} {bytes / 1024.0,7:N0} KB {best.TotalMilliseconds,7:0.0} ms");
            }
        }
    }

    private static string Render((CycleDetails Details, IReadOnlyList<PositionState> Positions) cycle, bool paged)
    {
        var pager = paged
            ? Pager.For(1, CyclePage.PositionsPerPage, cycle.Positions.Count)
            : Pager.For(1, Math.Max(1, cycle.Positions.Count), cycle.Positions.Count);
        var body = CyclePage.Body(cycle.Details, [.. pager.Slice(cycle.Positions)], [], null, pager, Zone, HtmlText.Empty);
        return Layout.Page(cycle.Details.Summary.Title, body, PageChrome.Bare).Value;
    }

    private static (CycleDetails, IReadOnlyList<PositionState>) Cycle(int count)
    {
        var inventory = InventoryGenerator.Generate(count, seed: 42);
        var assessments = new DesignationAssessor().Assess(inventory, AsOf).ToDictionary(a => a.PositionId, StringComparer.Ordinal);
        // As CycleService lists them: a position the rules did not assess (not in the review's scope) has no finding.
        IReadOnlyList<PositionState> positions = [.. inventory.Positions.Select(p => assessments.GetValueOrDefault(p.PositionId) is { } a
            ? new PositionState(p.PositionId, p.Component, p.Title, p.PayPlan.ToCode(), a.Identified, a.NeedsDecision, a.ProposedAction.ToString(),
                a.Reason, a.Flags, null, a.Findings ?? [])
            : new PositionState(p.PositionId, p.Component, p.Title, p.PayPlan.ToCode(), false, false, nameof(ProposedAction.NoAction), "", [], null, []))];
        var start = new DateTimeOffset(2025, 2, 5, 14, 0, 0, TimeSpan.Zero);
        var chco = new Person("Casey Chco", "chco@agency.example.gov");
        var agency = inventory.Positions[0].Agency;
        var input = new CycleInput($"bench-{count}", CycleKind.DesignationReview, agency, $"Designation review, {count:N0} positions",
            new DateOnly(2025, 2, 5), new DateOnly(2025, 3, 24), new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero), "upload-bench",
            chco, chco, [], AsOf, null, start, chco.Email);
        var summary = new CycleSummary(input.CycleId, input.Kind, agency, input.Title, "Running",
            new CycleStatus { Phase = CyclePhase.AwaitingDecisions, Positions = count, Assessed = count, Identified = positions.Count(p => p.Identified),
                AwaitingDecision = positions.Count(p => p.NeedsDecision) },
            start, start, input.DueAt);
        return (new CycleDetails(summary, input, [], [], null, null, null, null), positions);
    }
}
