using Browser.Tests.Support;
using Xunit.Abstractions;

namespace Browser.Tests;

/// <summary>At a desktop (1280 px) and a phone (375 px) width the page body never scrolls sideways; wide tables scroll inside their own box.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWidthTests(BrowserSystem system, ITestOutputHelper output)
{
    [Fact]
    public Task Dashboard_cycle_page_and_outbox_do_not_overflow_at_1280_or_375_pixels() =>
        BrowserFlow.RunAsync(system, output, nameof(PageWidthTests), async flow =>
        {
            var (staff, cycleId, _) = await NewCycle.StartAsStaffAsync(flow, "designation-review", seed: 57,
                inventory => NewCycle.TwoApprovers(inventory, "Approver"));
            // Wait until the cycle has messages, so the outbox and cycle page show real rows.
            await flow.WaitForAnyMessageAsync(staff, cycleId, "task/decision-01/r1/initial");

            var overflowing = new List<string>();
            foreach (var width in new[] { 1280, 375 })
            {
                var page = width == 1280 ? staff : await flow.SignInAsStaffAsync(width);
                foreach (var pagePath in new[] { "/", $"/cycles/{Uri.EscapeDataString(cycleId)}", "/outbox" })
                {
                    await page.GotoAsync(pagePath);
                    var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    var (scroll, client) = (widths[0], widths[1]);
                    output.WriteLine($"{width} px {pagePath}: scrollWidth {scroll}, clientWidth {client}");
                    if (scroll > client)
                        overflowing.Add($"{pagePath} at {width} px: the page is {scroll} px wide in a {client} px window; too wide: {await WidestElementsAsync(page)}");
                    if (width == 375) await flow.CheckAsync(page, $"{pagePath} at 375 px");
                }
            }
            Assert.True(overflowing.Count == 0, "Pages scroll sideways:\n" + string.Join("\n", overflowing));
        });

    /// <summary>The outermost elements that reach past the window's right edge, so a failure names what to fix.</summary>
    private static Task<string> WidestElementsAsync(Microsoft.Playwright.IPage page) => page.EvaluateAsync<string>("""
        () => {
          const limit = document.documentElement.clientWidth;
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          const found = [];
          for (const e of document.body.querySelectorAll('*')) {
            if (e.getBoundingClientRect().right <= limit + 1) continue;
            if (found.some(f => f.contains(e))) continue;
            // Inside a box that scrolls or clips (a scrollable table container), width does not reach the page.
            let clipped = false;
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
            if (clipped) continue;
            found.push(e);
          }
          return found.slice(0, 5).map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)').join(', ') || 'none found';
        }
        """);
}
