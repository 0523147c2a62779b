using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.PlumCrossCheck;
using SesReview.Host.Tests.Support;
using SesReview.Notifications;
using SesReview.Notifications.Outbox;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;

namespace SesReview.Host.Tests;

/// <summary>
/// The pages as a federal user expects them: USWDS served by the host itself under a strict content security policy, the
/// banner and identifier, no CHCO menu on task pages, a fieldset per position, paged positions, the CHCO's words on the
/// dashboard, times in the agency's zone, and no enum name anywhere a person reads.
/// </summary>
public class FederalPagesTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public FederalPagesTests(HostFactory host) => _host = host;

    [Theory]
    [InlineData("/assets/uswds/css/uswds.min.css", "text/css")]
    [InlineData("/assets/uswds/js/uswds.min.js", "text/javascript")]
    [InlineData("/assets/uswds/js/uswds-init.min.js", "text/javascript")]
    [InlineData("/assets/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2", "font/woff2")]
    [InlineData("/assets/uswds/img/us_flag_small.png", "image/png")]
    [InlineData("/assets/uswds/img/usa-icons/close.svg", "image/svg+xml")]
    [InlineData("/assets/site.css", "text/css")]
    public async Task Uswds_files_are_served_by_the_host_to_anyone_with_their_content_type(string path, string contentType)
    {
        // Not signed in: approvers and signers open task pages without signing in and get the same styles.
        var response = await _host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_served_style_sheet_is_the_pinned_uswds_release()
    {
        var css = await _host.CreateClient().GetStringAsync("/assets/uswds/css/uswds.min.css");
        Assert.Contains("3.14.0", css[..Math.Min(css.Length, 400)]);
    }

    [Theory]
    [InlineData("/assets/uswds/css/..%2F..%2F..%2FSesReview.Web.dll")]
    [InlineData("/assets/uswds/css/%2E%2E/%2E%2E/%2E%2E/SesReview.Web.dll")]
    [InlineData("/assets/uswds/css/..%5C..%5C..%5CSesReview.Web.dll")]
    [InlineData("/assets/uswds/%2E%2E/%2E%2E/SesReview.Host.Tests.dll")]
    [InlineData("/assets/uswds/scss/stylesheets/uswds.scss")]
    [InlineData("/assets/uswds/js/uswds.min.js.map")]
    [InlineData("/assets/uswds/css/no-such-file.css")]
    [InlineData("/assets/uswds/img")]
    [InlineData("/assets/uswds/css/%2Fetc%2Fpasswd")]
    public async Task Paths_outside_the_uswds_dist_folders_are_refused(string path)
    {
        var response = await _host.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost" + path, UriKind.Absolute)));

        // 404 from the asset route; a path the client or server normalises out of /assets answers as any other unknown path (401, 404).
        Assert.False(response.IsSuccessStatusCode, $"{path} answered {response.StatusCode}");
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{path} answered {response.StatusCode}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.False(body.Length > 1 && body[0] == 'M' && body[1] == 'Z', "an assembly was served");
    }

    [Fact]
    public async Task Pages_load_scripts_styles_fonts_and_images_only_from_the_host()
    {
        _host.Cycles.Cycles["csp"] = Samples.Details("csp");
        var response = await _host.CreateStaffClient().GetAsync("/cycles/csp");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        foreach (var directive in new[] { "default-src 'none'", "script-src 'self'", "style-src 'self'", "font-src 'self'", "img-src 'self'" })
            Assert.Contains(directive + ";", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("data:", csp);
        Assert.DoesNotContain("http", csp);
        var page = await Browser.Parse(response);
        Assert.Equal(["/assets/uswds/css/uswds.min.css", "/assets/site.css"], page.QuerySelectorAll("link[rel='stylesheet']").Select(l => l.GetAttribute("href")));
        Assert.Equal(["/assets/uswds/js/uswds-init.min.js", "/assets/uswds/js/uswds.min.js"], page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")));
        Assert.All(page.QuerySelectorAll("img"), i => Assert.StartsWith("/assets/uswds/img/", i.GetAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
    }

    [Fact]
    public async Task Staff_pages_have_the_banner_a_header_with_the_menu_and_who_is_signed_in_and_the_identifier()
    {
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/"));

        Assert.Equal("#main-content", page.QuerySelector("a.usa-skipnav")!.GetAttribute("href"));
        Assert.Equal("Skip to main content", page.QuerySelector("a.usa-skipnav")!.TextContent);
        Assert.NotNull(page.QuerySelector("main#main-content"));
        Assert.Contains("An official website of the United States government", page.QuerySelector("section.usa-banner")!.TextContent);
        var header = page.QuerySelector("header.usa-header")!;
        Assert.Equal(["Dashboard", "Outbox", "New cycle"], header.QuerySelectorAll("nav a").Select(a => a.TextContent));
        Assert.Contains("Signed in as", header.QuerySelector(".signed-in")!.TextContent);
        Assert.NotNull(page.QuerySelector("footer.usa-identifier"));
    }

    [Fact]
    public async Task Approver_pages_have_the_banner_and_identifier_but_no_chco_menu_and_no_sign_in_line()
    {
        _host.Approvals.Pages["frame"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-frame"));
        // Even a CHCO's staff member opening an approver's link sees the approver's frame.
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/tasks/frame"));

        Assert.NotNull(page.QuerySelector("section.usa-banner"));
        Assert.NotNull(page.QuerySelector("footer.usa-identifier"));
        Assert.Empty(page.QuerySelectorAll("nav a"));
        Assert.Empty(page.QuerySelectorAll("button.usa-menu-btn"));
        Assert.DoesNotContain("Signed in as", page.Body!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") is "/" or "/outbox" or "/cycles/new");
    }

    [Fact]
    public async Task Each_position_to_decide_is_a_fieldset_whose_legend_names_it_with_history_and_flags_one_click_away()
    {
        _host.Approvals.Pages["fieldsets"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-fieldsets"));
        var page = await Browser.Parse(await _host.CreateClient().GetAsync("/tasks/fieldsets"));

        var fieldsets = page.QuerySelectorAll("form fieldset");
        Assert.Equal(["P-001: Deputy Assistant Secretary for Policy", "P-002: Director, <Office> & Analysis"],
            fieldsets.Select(f => f.QuerySelector("legend")!.TextContent));
        var first = fieldsets[0];
        Assert.Equal(["revert", "retain"], first.QuerySelectorAll("input[type='radio']").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Revert to General", "Request retention as Career Reserved"],
            first.QuerySelectorAll("input[type='radio']").Select(i => page.QuerySelector($"label[for='{i.Id}']")!.TextContent));
        var justification = first.QuerySelector("textarea")!;
        Assert.Equal("Justification for P-001", page.QuerySelector($"label[for='{justification.Id}']")!.TextContent);
        Assert.Equal("General on 2021-01-19.", first.QuerySelector("p.reason")!.TextContent);
        var details = first.QuerySelector("details")!;
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("History and flags", details.QuerySelector("summary")!.TextContent);
        Assert.Equal("3395 notice.", details.QuerySelector(".flags")!.TextContent);
        Assert.Contains("Career Reserved", details.TextContent);
        Assert.NotNull(details.QuerySelector("ul.findings cite"));
        // No paragraph per row any more: the old table of positions is gone.
        Assert.Empty(page.QuerySelectorAll("form table"));
    }

    [Fact]
    public async Task A_cycle_of_250_positions_shows_them_100_per_page_with_a_pager()
    {
        _host.Cycles.Cycles["paged"] = Samples.Details("paged");
        _host.Cycles.Positions["paged"] = [.. Enumerable.Range(1, 250).Select(i => Samples.Position($"P-{i:D4}", $"Position {i}"))];
        var client = _host.CreateStaffClient();

        var first = await Browser.Parse(await client.GetAsync("/cycles/paged"));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"P-{i:D4}"), RowIds(first));
        Assert.Contains("Positions 1–100 of 250, page 1 of 3.", first.QuerySelector("p.positions-shown")!.TextContent);
        var pager = first.QuerySelector("nav[aria-label='Pages of positions']")!;
        Assert.Equal("1", pager.QuerySelector("[aria-current='page']")!.TextContent);
        Assert.Contains(pager.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/cycles/paged?positions=3#positions");

        var last = await Browser.Parse(await client.GetAsync("/cycles/paged?positions=3"));
        Assert.Equal(Enumerable.Range(201, 50).Select(i => $"P-{i:D4}"), RowIds(last));
        Assert.Equal("3", last.QuerySelector("nav[aria-label='Pages of positions'] [aria-current='page']")!.TextContent);

        var beyond = await Browser.Parse(await client.GetAsync("/cycles/paged?positions=99"));
        Assert.Equal(RowIds(last), RowIds(beyond));
    }

    private static IEnumerable<string> RowIds(IHtmlDocument page) =>
        page.QuerySelectorAll("table.positions tbody tr th").Select(th => th.TextContent);

    [Fact]
    public async Task The_cycle_page_marks_its_current_stage_in_a_step_indicator()
    {
        _host.Cycles.Cycles["steps"] = Samples.Details("steps");
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/cycles/steps"));

        var steps = page.QuerySelectorAll(".usa-step-indicator li");
        Assert.Equal(["Assess completed", "Decide", "Sign off not completed", "Submitted not completed"], steps.Select(s => Regex.Replace(s.TextContent, @"\s+", " ").Trim()));
        Assert.Equal("Decide", page.QuerySelector(".usa-step-indicator li[aria-current='step']")!.TextContent.Trim());
        Assert.Contains("Approvers are deciding", page.QuerySelector(".usa-step-indicator__heading")!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_says_the_stage_what_is_late_and_what_to_do_next_in_the_users_words()
    {
        await using var host = await HostFactory.StartNewAsync();
        var late = Samples.Details("late") with
        {
            Tasks = [Samples.DecisionTask("late") with { OverdueSince = new DateTimeOffset(2025, 3, 15, 13, 0, 0, TimeSpan.Zero) }],
        };
        host.Cycles.Cycles["late"] = late;
        host.Cycles.Cycles["done"] = Samples.Details("done") with
        {
            Summary = Samples.Summary("done", "Allocation review 2025") with
            {
                Kind = CycleKind.AllocationReview, RuntimeStatus = "Completed", Status = new CycleStatus { Phase = CyclePhase.Submitted, Positions = 40, Assessed = 40 },
            },
        };
        var page = await Browser.Parse(await host.CreateStaffClient().GetAsync("/"));
        var text = page.QuerySelector("main")!.TextContent;

        var lateRow = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == "/cycles/late").Closest("tr")!;
        Assert.Equal("Approvers are deciding", lateRow.QuerySelector("td.stage")!.TextContent.Trim());
        Assert.Equal("Decide positions: Harper Head, due 2025-03-14 17:00 America/New_York (UTC-04:00).", lateRow.QuerySelector("td.late li")!.TextContent);
        Assert.Equal("Follow up on the overdue task.", lateRow.QuerySelector("td.next-step")!.TextContent.Trim());
        var doneRow = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == "/cycles/done").Closest("tr")!;
        Assert.Equal("Submitted to OPM", doneRow.QuerySelector("td.stage")!.TextContent.Trim());
        Assert.Equal("Nothing", doneRow.QuerySelector("td.late")!.TextContent.Trim());
        foreach (var engineWord in new[] { "Runtime status", "Running", "AwaitingDecisions", "Completed", "Submitted</", "Pending" })
            Assert.DoesNotContain(engineWord, text);
        // One agency: said once above the table, not on every row.
        Assert.Equal("Agency: DEPARTMENT OF EXAMPLE", page.QuerySelector("p.agency")!.TextContent);
        Assert.Single(Regex.Matches(text, "DEPARTMENT OF EXAMPLE"));
    }

    [Fact]
    public async Task The_dashboard_names_the_agency_per_row_when_cycles_are_of_several_agencies()
    {
        await using var host = await HostFactory.StartNewAsync();
        host.Cycles.Cycles["a"] = Samples.Details("a");
        host.Cycles.Cycles["b"] = Samples.Details("b") with { Summary = Samples.Summary("b") with { Agency = "DEPARTMENT OF OTHER" } };
        var page = await Browser.Parse(await host.CreateStaffClient().GetAsync("/"));

        Assert.Null(page.QuerySelector("p.agency"));
        Assert.Contains("Agency", page.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Contains("DEPARTMENT OF OTHER", page.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task Times_read_in_the_agency_time_zone_with_the_zone_named()
    {
        _host.Cycles.Cycles["zone"] = Samples.Details("zone");
        _host.Approvals.Pages["zone"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-zone"));
        var client = _host.CreateStaffClient();

        var cycle = (await Browser.Parse(await client.GetAsync("/cycles/zone"))).QuerySelector("main")!.TextContent;
        // Due 2025-03-24 21:00 UTC is 17:00 in Washington (daylight time); started 2025-02-05 14:00 UTC is 09:00 (standard time).
        Assert.Contains("2025-03-24 17:00 America/New_York (UTC-04:00)", cycle);
        Assert.Contains("2025-02-05 09:00 America/New_York (UTC-05:00)", cycle);
        Assert.DoesNotContain(" UTC<", cycle);
        Assert.DoesNotContain("21:00 UTC", cycle);
        var task = (await Browser.Parse(await client.GetAsync("/tasks/zone"))).QuerySelector("main")!.TextContent;
        Assert.Contains("2025-03-14 17:00 America/New_York (UTC-04:00)", task);
    }

    /// <summary>Enum members a person could mistake for words only if they were never meant to read them: every name with an inner capital.</summary>
    private static readonly string[] EnumNames =
    [
        .. new[] { typeof(CyclePhase), typeof(TaskKind), typeof(TaskState), typeof(ProposedAction), typeof(Designation), typeof(NotificationKind),
            typeof(CycleKind), typeof(PlumDifferenceKind), typeof(MatchConfidence) }
            .SelectMany(Enum.GetNames).Where(n => n.Skip(1).Any(char.IsUpper)),
        "Running", "Pending", "NotScheduled",
    ];

    [Fact]
    public async Task No_page_shows_an_enum_name()
    {
        Assert.Contains("NoAction", EnumNames);
        Assert.Contains("SignOff", EnumNames);
        var decided = new DecisionRecord("P-001", "t-policy", 1, ProposedAction.RequestRetention, "Because.", "head@agency.example.gov", "Harper Head",
            Samples.Start.AddDays(3), "web", null);
        _host.Cycles.Cycles["words"] = Samples.Details("words") with
        {
            Tasks = [Samples.DecisionTask("words") with { State = TaskState.ClosedAtCutOff }, Samples.DecisionTask("words") with { TaskId = "t-sign", Kind = TaskKind.SignOff }],
        };
        _host.Cycles.Positions["words"] =
        [
            Samples.Position("P-001", "Deputy Assistant Secretary") with { Decision = decided },
            Samples.Position("P-002", "Director") with { ProposedAction = nameof(ProposedAction.NoAction), NeedsDecision = false, Identified = false },
            Samples.Position("P-003", "Counsel"),
        ];
        foreach (var kind in new[] { AuditKinds.SignOffRequested, AuditKinds.DeadlineWarning, AuditKinds.SentBack, AuditKinds.CutOff })
            await _host.Audit.AppendAsync(new AuditEntry("words", Samples.Start, kind, "system", "orchestration", null, "Detail."));
        _host.Outbox.Items.Add(new OutboxItem("ob-words", Samples.Start, null, new NotificationMessage
        {
            CycleId = "words", MessageKey = "sign-off/request", Kind = NotificationKind.SignOffRequest, To = ["chco@agency.example.gov"], Subject = "Sign off",
            HtmlBody = "<p>Please sign off.</p>",
        }));
        var view = Samples.DecisionView("cycle-words");
        _host.Approvals.Pages["words"] = new TaskPage(TaskAccess.Ok, null, view with
        {
            Positions = [.. view.Positions.Select(p => p with { Decision = decided })],
        });
        var client = _host.CreateStaffClient();

        foreach (var path in new[] { "/", "/cycles/words", "/tasks/words", "/outbox", "/outbox/words/sign-off/request" })
        {
            var page = await Browser.Parse(await client.GetAsync(path));
            var text = page.Body!.TextContent;
            var found = EnumNames.Where(n => Regex.IsMatch(text, $@"\b{n}\b")).ToList();
            Assert.True(found.Count == 0, $"{path} shows {string.Join(", ", found)}");
        }
    }
}
