using System.Net;
using SesReview.Host.Tests.Support;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Host.Tests;

public class TaskPageTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public TaskPageTests(HostFactory host) => _host = host;

    private string OpenDecisionTask(string token)
    {
        _host.Approvals.Pages[token] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("cycle-" + token));
        return token;
    }

    [Theory]
    [InlineData(TaskAccess.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(TaskAccess.Expired, HttpStatusCode.Forbidden)]
    [InlineData(TaskAccess.Gone, HttpStatusCode.Gone)]
    [InlineData(TaskAccess.NotFound, HttpStatusCode.NotFound)]
    public async Task A_task_link_that_does_not_open_a_task_answers_with_the_matching_status_page(TaskAccess access, HttpStatusCode expected)
    {
        var token = "denied-" + access;
        _host.Approvals.Pages[token] = TaskPage.Denied(access, $"Denied because {access}.");
        var client = _host.CreateClient();

        var get = await client.GetAsync($"/tasks/{token}");
        Assert.Equal(expected, get.StatusCode);
        Assert.Contains($"Denied because {access}.", (await Browser.Parse(get)).QuerySelector("main")!.TextContent);

        var post = await client.PostAsync($"/tasks/{token}", Browser.Form(($"decision[P-001]", "revert")));
        Assert.Equal(expected, post.StatusCode);
    }

    [Fact]
    public async Task A_finished_cycle_says_so_on_the_task_page()
    {
        _host.Approvals.Pages["gone"] = TaskPage.Denied(TaskAccess.Gone, "The cycle was cancelled.");
        var page = await Browser.Parse(await _host.CreateClient().GetAsync("/tasks/gone"));
        Assert.Equal("This cycle is finished", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Opening_a_decision_task_shows_each_position_with_both_choices_and_records_nothing()
    {
        var token = OpenDecisionTask("open-only");
        var before = _host.Approvals.SubmitCalls;

        var response = await _host.CreateClient().GetAsync($"/tasks/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Parse(response);
        Assert.Equal(["revert", "retain"], page.QuerySelectorAll("input[name='decision[P-001]']").Select(i => i.GetAttribute("value")));
        Assert.NotNull(page.QuerySelector("textarea[name='justification[P-002]']"));
        Assert.Contains("at least 50 characters", page.QuerySelector("main")!.TextContent);
        var finding = page.QuerySelector("ul.findings li")!;
        Assert.Contains("812 of 1,461 days: 2021-01-20 – 2023-04-11 (J. Doe, NA)", finding.TextContent);
        Assert.Equal("OPM memo of 2025-02-05, paragraph 1(b)", finding.QuerySelector("cite")!.TextContent);
        Assert.NotNull(page.QuerySelector($"form[action='/tasks/{token}/delegate'] input[name='email']"));
        Assert.Equal(before, _host.Approvals.SubmitCalls);
        Assert.DoesNotContain(_host.Approvals.Decisions, d => d.Token == token);
    }

    [Fact]
    public async Task Task_pages_are_not_cached_send_no_referrer_and_allow_scripts_only_from_the_host()
    {
        var token = OpenDecisionTask("headers");
        var response = await _host.CreateClient().GetAsync($"/tasks/{token}");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task Posting_decisions_maps_each_position_field_to_a_decision_and_a_repeat_shows_already_recorded()
    {
        var token = OpenDecisionTask("decide");
        var client = _host.CreateClient();
        var justification = "Impartiality of enforcement decisions requires a career appointee in this position.";
        (string, string)[] fields =
        [
            ("decision[P-001]", "retain"), ("justification[P-001]", justification),
            ("decision[P-002]", "revert"), ("justification[P-002]", ""),
        ];

        var first = await client.PostAsync($"/tasks/{token}", Browser.Form(fields));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Recorded", (await Browser.Parse(first)).QuerySelector("h1")!.TextContent);
        var (_, decisions, origin) = Assert.Single(_host.Approvals.Decisions, d => d.Token == token);
        Assert.Equal(
            [new DecisionInput("P-001", ProposedAction.RequestRetention, justification), new DecisionInput("P-002", ProposedAction.RevertToGeneral, null)],
            decisions.OrderBy(d => d.PositionId));
        Assert.Equal("web", origin.Channel);

        var repeat = await client.PostAsync($"/tasks/{token}", Browser.Form(fields));
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Contains("Already recorded", (await Browser.Parse(repeat)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Errors_from_the_service_come_back_as_400_listing_each_field_with_the_typed_values_kept()
    {
        await using var host = await HostFactory.StartNewAsync();
        host.Approvals.Pages["invalid"] = new TaskPage(TaskAccess.Ok, null, Samples.DecisionView("c"));
        host.Approvals.Invalid = [new FieldError("justification[P-001]", "A retention request needs at least 50 characters of justification.")];

        var response = await host.CreateClient().PostAsync("/tasks/invalid", Browser.Form(("decision[P-001]", "retain"), ("justification[P-001]", "Too short")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.Parse(response);
        Assert.Contains("justification[P-001]", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("at least 50 characters", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("Too short", page.QuerySelector("textarea[name='justification[P-001]']")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='decision[P-001]'][value='retain'][checked]"));
    }

    [Fact]
    public async Task An_unknown_choice_is_refused_without_calling_the_service()
    {
        var token = OpenDecisionTask("bad-choice");
        var response = await _host.CreateClient().PostAsync($"/tasks/{token}", Browser.Form(("decision[P-001]", "maybe")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("decision[P-001]", (await Browser.Parse(response)).QuerySelector(".errors")!.TextContent);
        Assert.DoesNotContain(_host.Approvals.Decisions, d => d.Token == token);
    }

    [Fact]
    public async Task Sending_back_a_sign_off_needs_a_note()
    {
        var view = Samples.DecisionView("sign") with
        {
            Task = Samples.DecisionTask("sign") with { Kind = TaskKind.SignOff },
            SignOff = new SignOffView(1, "4 positions identified; 1 retention request.", ["P-004 decision pending"], null, []),
        };
        _host.Approvals.Pages["sign-off"] = new TaskPage(TaskAccess.Ok, null, view);
        var client = _host.CreateClient();

        var page = await Browser.Parse(await client.GetAsync("/tasks/sign-off"));
        Assert.Contains("P-004 decision pending", page.QuerySelector("main")!.TextContent);

        var noNote = await client.PostAsync("/tasks/sign-off", Browser.Form(("action", "sendBack"), ("note", "")));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.DoesNotContain(_host.Approvals.SignOffs, s => s.Token == "sign-off");

        var sentBack = await client.PostAsync("/tasks/sign-off", Browser.Form(("action", "sendBack"), ("note", "Explain P-003.")));
        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        Assert.Contains(_host.Approvals.SignOffs, s => s.Token == "sign-off" && !s.Approve && s.Note == "Explain P-003.");
    }

    [Fact]
    public async Task Approving_a_sign_off_asks_for_confirmation_first_and_only_the_confirmed_post_approves()
    {
        var package = new PackageRecord("designation-report-round-2.xlsx", "blob", "ab12cd34", 4096, DateTimeOffset.UnixEpoch, 2, false, "4 positions", []);
        var view = Samples.DecisionView("confirm") with
        {
            Task = Samples.DecisionTask("confirm") with { Kind = TaskKind.SignOff, Round = 2 },
            SignOff = new SignOffView(2, "4 positions identified; 1 retention request.", [], package, []),
        };
        _host.Approvals.Pages["confirm-sign-off"] = new TaskPage(TaskAccess.Ok, null, view);
        var client = _host.CreateClient();

        var first = await client.PostAsync("/tasks/confirm-sign-off", Browser.Form(("action", "approve"), ("note", "Reviewed with the CHCO.")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain(_host.Approvals.SignOffs, s => s.Token == "confirm-sign-off");
        var page = await Browser.Parse(first);
        Assert.Equal("Confirm: submit the package to OPM", page.QuerySelector("h1")!.TextContent);
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("designation-report-round-2.xlsx", main);
        Assert.Contains("ab12cd34", main);
        Assert.Equal("2", page.QuerySelectorAll("main th").Single(th => th.TextContent == "Round").NextElementSibling!.TextContent);
        var form = page.QuerySelector("form[method='post'][action='/tasks/confirm-sign-off']")!;
        Assert.Equal("Confirm and submit to OPM", form.QuerySelector("button[type='submit']")!.TextContent);
        var hidden = form.QuerySelectorAll("input[type='hidden']").Select(i => (i.GetAttribute("name")!, i.GetAttribute("value")!)).ToArray();
        Assert.Contains(("action", "approve"), hidden);
        Assert.Contains(("confirm", "yes"), hidden);
        Assert.Contains(("note", "Reviewed with the CHCO."), hidden);
        Assert.NotNull(page.QuerySelector("a[href='/tasks/confirm-sign-off']"));

        var confirmed = await client.PostAsync("/tasks/confirm-sign-off", Browser.Form(hidden));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Recorded", (await Browser.Parse(confirmed)).QuerySelector("h1")!.TextContent);
        var signOff = Assert.Single(_host.Approvals.SignOffs, s => s.Token == "confirm-sign-off");
        Assert.True(signOff.Approve);
        Assert.Equal("Reviewed with the CHCO.", signOff.Note);
    }

    [Fact]
    public async Task Delegating_hands_the_task_to_the_person_named()
    {
        var token = OpenDecisionTask("delegate");
        var client = _host.CreateClient();

        var missing = await client.PostAsync($"/tasks/{token}/delegate", Browser.Form(("name", "Dana Deputy"), ("email", "")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("email", (await Browser.Parse(missing)).QuerySelector(".errors")!.TextContent);

        var ok = await client.PostAsync($"/tasks/{token}/delegate", Browser.Form(("name", "Dana Deputy"), ("email", "deputy@agency.example.gov"), ("note", "On leave")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains(_host.Approvals.Delegations, d => d.Token == token && d.To == new Person("Dana Deputy", "deputy@agency.example.gov") && d.Note == "On leave");
    }

    [Fact]
    public async Task Posting_proposals_maps_each_allocation_line_and_redesignation_line()
    {
        var view = Samples.DecisionView("alloc") with
        {
            Task = Samples.DecisionTask("alloc") with { Kind = TaskKind.Proposal },
            Positions = [],
            Allocations = [new AllocationLineView("Office of Policy", PayPlan.ES, 10, 8, 2, 0.2m, true, null)],
        };
        _host.Approvals.Pages["propose"] = new TaskPage(TaskAccess.Ok, null, view);
        var client = _host.CreateClient();

        var page = await Browser.Parse(await client.GetAsync("/tasks/propose"));
        Assert.NotNull(page.QuerySelector("input[name='adjustment[Office of Policy|ES]']"));

        var bad = await client.PostAsync("/tasks/propose", Browser.Form(("adjustment[Office of Policy|ES]", "minus two")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("adjustment[Office of Policy|ES]", (await Browser.Parse(bad)).QuerySelector(".errors")!.TextContent);

        var ok = await client.PostAsync("/tasks/propose", Browser.Form(
            ("adjustment[Office of Policy|ES]", "-2"), ("reason[Office of Policy|ES]", "Vacant since 2023"),
            ("justification[Office of Policy|ES]", "Two positions have been vacant for two years."),
            ("redesignationPosition[0]", "P-009"), ("redesignationTo[0]", "GE"), ("redesignationJustification[0]", "No longer adjudicative."),
            ("redesignationPosition[1]", ""), ("redesignationTo[1]", "")));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var (_, proposals, redesignations) = Assert.Single(_host.Approvals.Proposals, p => p.Token == "propose");
        Assert.Equal([new ProposalInput("Office of Policy", PayPlan.ES, -2, "Vacant since 2023", "Two positions have been vacant for two years.")], proposals);
        Assert.Equal([new RedesignationInput("P-009", Designation.General, "No longer adjudicative.")], redesignations);
    }
}
