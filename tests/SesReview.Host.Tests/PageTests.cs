using System.Net;
using SesReview.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using SesReview.Notifications;
using SesReview.Notifications.Outbox;
using SesReview.Workflows.Audit;

namespace SesReview.Host.Tests;

public class PageTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public PageTests(HostFactory host) => _host = host;

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Fact]
    public async Task Dashboard_lists_every_cycle_with_its_phase_and_counts_linking_to_its_page()
    {
        _host.Cycles.Cycles["dash-1"] = Samples.Details("dash-1", "Designation review, policy office");
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/"));

        var link = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == "/cycles/dash-1");
        Assert.Equal("Designation review, policy office", link.TextContent);
        var row = link.Closest("tr")!;
        Assert.Contains("Career reserved designation review", row.QuerySelector("th")!.TextContent);
        Assert.Equal("Approvers are deciding", row.QuerySelector("td.stage")!.TextContent.Trim());
        Assert.Equal("Follow up on the overdue task.", row.QuerySelector("td.next-step")!.TextContent.Trim());
        Assert.Equal("40 of 40 assessed; 4 identified; 1 decided, 3 waiting.", row.QuerySelector("td.progress")!.TextContent.Trim());
        Assert.Equal(["Dashboard", "Outbox", "New cycle"], page.QuerySelectorAll("nav a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Values_are_html_encoded_so_a_title_with_a_script_tag_shows_as_text()
    {
        _host.Cycles.Cycles["xss"] = Samples.Details("xss", "<script>alert('x')</script> & co");
        _host.Cycles.Positions["xss"] = [Samples.Position("P-1", "<img src=x onerror=alert(1)>")];
        var client = _host.CreateStaffClient();

        foreach (var url in new[] { "/", "/cycles/xss" })
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img src=x", html);
            var page = await Browser.Parse(response);
            // Only USWDS's own files, served by the host: no inline script.
            Assert.All(page.QuerySelectorAll("script"), s => Assert.StartsWith("/assets/uswds/js/", s.GetAttribute("src")));
            Assert.Contains("<script>alert('x')</script> & co", page.Body!.TextContent);
        }
    }

    [Fact]
    public async Task Cycle_page_shows_positions_tasks_and_audit_and_cancelling_redirects_back()
    {
        _host.Cycles.Cycles["detail"] = Samples.Details("detail");
        _host.Cycles.Positions["detail"] = [Samples.Position("P-001", "Deputy Assistant Secretary for Policy")];
        await _host.Audit.AppendAsync(new AuditEntry("detail", Samples.Start, AuditKinds.CycleStarted, "chco@agency.example.gov", "api", "10.0.0.4", "Cycle started."));
        var client = _host.CreateStaffClient(NoRedirects);

        var page = await Browser.Parse(await client.GetAsync("/cycles/detail"));
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Deputy Assistant Secretary for Policy", text);
        Assert.Contains("Harper Head", text);
        Assert.Contains("Redesignated General → Career Reserved on 2023-04-02", text);
        Assert.Equal("OPM memo of 2025-02-05, paragraph 2", page.QuerySelector("ul.findings cite")!.TextContent);
        Assert.Contains("Cycle started.", text);
        Assert.NotNull(page.QuerySelector("a[href='/cycles/detail/audit.xlsx']"));
        Assert.NotNull(page.QuerySelector("form[action='/cycles/detail/cancel'] textarea[name='reason']"));

        var token = await Browser.AntiforgeryField(client, "/cycles/detail");
        var noReason = await client.PostAsync("/cycles/detail/cancel", Browser.Form(("reason", ""), token));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var forged = await _host.CreateStaffClient(NoRedirects).PostAsync("/cycles/detail/cancel", Browser.Form(("reason", "From another site.")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(_host.Cycles.Cancelled, c => c.Reason == "From another site.");

        var cancel = await client.PostAsync("/cycles/detail/cancel", Browser.Form(("reason", "Wrong inventory."), token));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal("/cycles/detail", cancel.Headers.Location?.OriginalString);
        Assert.Contains(_host.Cycles.Cancelled, c => c.CycleId == "detail" && c.Reason == "Wrong inventory.");

        var xlsx = await client.GetAsync("/cycles/detail/audit.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_cycle_page_answers_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateStaffClient().GetAsync("/cycles/nope")).StatusCode);
    }

    [Fact]
    public async Task Outbox_lists_messages_newest_first_with_their_action_links_and_shows_one_in_a_sandboxed_frame()
    {
        _host.Outbox.Items.Add(Message("outbox-cycle", "task/head@agency.example.gov/initial", "Decide 2 positions", Samples.Start,
            new ActionLink("https://ses.agency.example.gov/tasks/abc", "Open your task")));
        _host.Outbox.Items.Add(Message("outbox-cycle", "submission/opm", "Designation review report", Samples.Start.AddDays(30), null,
            new NotificationAttachment("report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [1, 2, 3])));
        var client = _host.CreateStaffClient();

        var list = await Browser.Parse(await client.GetAsync("/outbox"));
        var subjects = list.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[5].TextContent).ToList();
        Assert.Equal(["Designation review report", "Decide 2 positions"], subjects.Where(s => s is "Designation review report" or "Decide 2 positions"));
        var action = list.QuerySelectorAll("a").Single(a => a.TextContent == "Open your task");
        Assert.Equal("https://ses.agency.example.gov/tasks/abc", action.GetAttribute("href"));
        var messageLink = list.QuerySelectorAll("a").Single(a => a.TextContent == "task/head@agency.example.gov/initial").GetAttribute("href")!;

        var message = await Browser.Parse(await client.GetAsync(messageLink));
        var frame = message.QuerySelector("iframe")!;
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Equal("<p>Please decide <b>2</b> positions.</p>", frame.GetAttribute("srcdoc"));
        Assert.Contains("Decide 2 positions", message.QuerySelector("main")!.TextContent);

        var withAttachment = await Browser.Parse(await client.GetAsync("/outbox/outbox-cycle/submission/opm"));
        var download = withAttachment.QuerySelectorAll("a").Single(a => a.TextContent == "report.xlsx").GetAttribute("href")!;
        var file = await client.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(new byte[] { 1, 2, 3 }, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_outbox_is_paged_so_every_message_can_be_reached_not_only_the_newest()
    {
        await using var host = await HostFactory.StartNewAsync();
        for (int i = 0; i < 250; i++)
            host.Outbox.Items.Add(Message("paged-cycle", $"message/{i:D3}", $"Message {i:D3}", Samples.Start.AddMinutes(i), null));
        var client = host.CreateStaffClient();

        var first = await Browser.Parse(await client.GetAsync("/outbox"));
        Assert.Equal(100, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Messages 1–100 of 250", first.Body!.TextContent);
        Assert.Contains("message/249", first.QuerySelector("tbody tr")!.TextContent);
        Assert.Equal("/outbox?page=2", first.QuerySelector("nav[aria-label='Outbox pages'] a")!.GetAttribute("href"));

        var last = await Browser.Parse(await client.GetAsync("/outbox?page=3"));
        Assert.Equal(50, last.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("message/000", last.QuerySelectorAll("tbody tr").Last().TextContent);
        Assert.Contains("Page 3 of 3", last.Body!.TextContent);
    }

    [Fact]
    public async Task An_outbox_action_that_is_not_a_web_address_is_shown_as_text_not_as_a_link()
    {
        _host.Outbox.Items.Add(Message("odd-cycle", "odd/action", "Odd action", Samples.Start, new ActionLink("javascript:alert(1)", "Run me")));
        var list = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/outbox"));

        Assert.DoesNotContain(list.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Run me: javascript:alert(1)", list.Body!.TextContent);
    }

    private static OutboxItem Message(string cycleId, string key, string subject, DateTimeOffset sentAt, ActionLink? action, params NotificationAttachment[] attachments) =>
        new("ob-" + key, sentAt, attachments.Length > 0 ? "sha" : null, new NotificationMessage
        {
            CycleId = cycleId, MessageKey = key, Kind = NotificationKind.TaskAssigned, To = ["head@agency.example.gov"], Subject = subject,
            HtmlBody = "<p>Please decide <b>2</b> positions.</p>", Action = action, Attachments = attachments,
        });

    [Fact]
    public async Task New_cycle_form_lists_import_errors_with_row_and_column_and_keeps_the_values()
    {
        // The product's own upload service: the errors listed are the importer's, not a fake's.
        await using var host = await RealUploads.StartHostAsync();
        var client = host.CreateStaffClient();
        using var form = NewCycleForm("DEPARTMENT OF EXAMPLE", await Browser.AntiforgeryField(client, "/cycles/new"),
            new ByteArrayContent(RealUploads.PlumWithThreeBadRows()), "plum.csv");
        form.Add(new StringContent("2025-06-30"), "plumKnownGeneralAsOf");

        var response = await client.PostAsync("/cycles/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.Parse(response);
        var errors = page.QuerySelector(".errors")!.TextContent;
        Assert.Contains("row 2", errors);
        Assert.Contains("column IncumbentBeginDate", errors);
        Assert.Contains("row 4", errors);
        Assert.Contains("column AppointmentTypeDescription", errors);
        Assert.Contains("QQ", errors);
        Assert.Empty(host.Cycles.Started);
        Assert.Equal("DEPARTMENT OF EXAMPLE", page.QuerySelector("input[name='agency']")!.GetAttribute("value"));
        Assert.Equal("2025-06-30", page.QuerySelector("input[name='plumKnownGeneralAsOf']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task New_cycle_form_starts_the_cycle_and_redirects_to_its_page()
    {
        var client = _host.CreateStaffClient(NoRedirects);
        using var form = NewCycleForm("DEPARTMENT OF EXAMPLE", await Browser.AntiforgeryField(client, "/cycles/new"));
        var response = await client.PostAsync("/cycles/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var started = _host.Cycles.Started.Last();
        Assert.Equal("web", started.Origin.Channel);
        Assert.Equal(new DateOnly(2025, 3, 24), started.Request.Deadline);
        var approver = Assert.Single(started.Request.Approvers!);
        Assert.Equal(("Office of Policy", "Harper Head", "head@agency.example.gov"), (approver.Component, approver.Approver.Name, approver.Approver.Email));
        Assert.StartsWith("/cycles/cycle-", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task New_cycle_form_lists_field_errors_from_the_service()
    {
        var client = _host.CreateStaffClient();
        using var form = NewCycleForm("", await Browser.AntiforgeryField(client, "/cycles/new"));
        var response = await client.PostAsync("/cycles/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Browser.Parse(response)).QuerySelector(".errors")!.TextContent;
        Assert.Contains("agency", errors);
        Assert.Contains("Name the agency.", errors);
    }

    [Fact]
    public async Task New_cycle_form_posted_without_its_antiforgery_token_starts_nothing()
    {
        int before = _host.Cycles.Started.Count;
        using var form = NewCycleForm("DEPARTMENT OF EXAMPLE", ("unrelated", "x"));
        var response = await _host.CreateStaffClient(NoRedirects).PostAsync("/cycles/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this site", (await Browser.Parse(response)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(before, _host.Cycles.Started.Count);
    }

    private static MultipartFormDataContent NewCycleForm(string agency, (string Name, string Value) antiforgery, ByteArrayContent? file = null, string fileName = "inventory.xlsx") => new()
    {
        { new StringContent(antiforgery.Value), antiforgery.Name },
        { file ?? new ByteArrayContent("inventory"u8.ToArray()), "file", fileName },
        { new StringContent("designation-review"), "kind" },
        { new StringContent(agency), "agency" },
        { new StringContent("2025-03-24"), "deadline" },
        { new StringContent("Casey Chco"), "chcoName" },
        { new StringContent("chco@agency.example.gov"), "chcoEmail" },
        { new StringContent("Office of Policy; Harper Head; head@agency.example.gov\n"), "approvers" },
    };
}
