using SesReview.Domain.Calendar;
using SesReview.Notifications.Templates;

namespace SesReview.Notifications.Tests;

public sealed class TemplateTests
{
    private static AgencyInstant Eastern(DateTimeOffset at) => new(at, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    private const string Evil = "<script>alert('x')</script> & \"Co\"";

    public static TheoryData<string, RenderedTemplate> AllTemplates => new()
    {
        { "task", NotificationTemplates.ApprovalTask(new(Evil, Evil, Evil, 12, new DateOnly(2025, 3, 14), "https://review.agency.gov/t/1?token=a&b=\"c\"")) },
        { "reminder", NotificationTemplates.Reminder(new(Evil, Evil, Evil, 4, 2, new DateOnly(2025, 3, 14), "https://review.agency.gov/t/1")) },
        { "escalation", NotificationTemplates.Escalation(new(Evil, Evil, Evil, Evil, Evil, new DateOnly(2025, 3, 15), 3, "https://review.agency.gov/c/1")) },
        { "warning", NotificationTemplates.DeadlineAtRisk(new(Evil, Evil, Evil, Eastern(new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero)), 3, 10, 2, "https://review.agency.gov/c/1")) },
        { "sign-off", NotificationTemplates.SignOffRequest(new(Evil, Evil, Evil, 40, Evil, Eastern(new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero)), "https://review.agency.gov/s/1")) },
        { "early warning", NotificationTemplates.DeadlineAtRisk(new(Evil, Evil, Evil, Eastern(new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero)), 3, 10, 2, "https://review.agency.gov/c/1", Evil)) },
        { "submission", NotificationTemplates.OpmSubmission(new(Evil, Evil, new DateOnly(2025, 2, 5), Evil, Evil, Evil, Eastern(DateTimeOffset.UnixEpoch), Evil, Evil)) },
    };

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Every_template_HTML_encodes_interpolated_values(string name, RenderedTemplate rendered)
    {
        // The name only labels the case (and the failure message); the rendered template is what is checked.
        Assert.False(rendered.Html.Contains("<script>", StringComparison.Ordinal), $"The {name} HTML carries a raw <script>.");
        Assert.False(rendered.Html.Contains("\"Co\"", StringComparison.Ordinal), $"The {name} HTML carries a raw quote.");
        Assert.True(rendered.Html.Contains("&lt;script&gt;", StringComparison.Ordinal), $"The {name} HTML does not show the encoded <script>.");
        Assert.True(rendered.Html.Contains("&amp;", StringComparison.Ordinal), $"The {name} HTML does not encode '&'.");
        Assert.True(rendered.Text.Contains("<script>", StringComparison.Ordinal), $"The {name} text part is not plain text."); // the text part is plain text, not markup
        Assert.False(rendered.Subject.Contains('\n'), $"The {name} subject has a line break.");
    }

    [Fact]
    public void The_approval_task_shows_the_link_the_due_date_and_the_count()
    {
        var t = NotificationTemplates.ApprovalTask(new("Department of X", "Career reserved designation review", "Pat Doe", 12,
            new DateOnly(2025, 3, 14), "https://review.agency.gov/t/1?token=a&b=2"));

        Assert.Contains("href=\"https://review.agency.gov/t/1?token=a&amp;b=2\"", t.Html);
        Assert.Contains("Friday, March 14, 2025", t.Html);
        Assert.Contains("12 positions", t.Html);
        Assert.Contains("https://review.agency.gov/t/1?token=a&b=2", t.Text);
        Assert.Equal("Action required by Friday, March 14, 2025: Career reserved designation review (12 positions)", t.Subject);
    }

    [Fact]
    public void An_allocation_task_counts_components_not_positions()
    {
        var t = NotificationTemplates.ApprovalTask(new("Department of X", "Executive allocation review", "Pat Doe", 15,
            new DateOnly(2026, 12, 4), "https://review.agency.gov/t/1", TaskItems.Components));
        Assert.Equal("Action required by Friday, December 4, 2026: Executive allocation review (15 components)", t.Subject);
        Assert.Contains("15 components", t.Html);
        Assert.DoesNotContain("positions", t.Html);

        var reminder = NotificationTemplates.Reminder(new("A", "Review", "Pat", 1, 2, new DateOnly(2026, 12, 4), "https://x.gov/t", TaskItems.Components));
        Assert.Contains("1 component still needs your proposal", reminder.Text);
    }

    [Fact]
    public void The_reminder_says_how_many_business_days_are_left()
    {
        var t = NotificationTemplates.Reminder(new("A", "Review", "Pat", 1, 1, new DateOnly(2025, 3, 14), "https://x.gov/t"));
        Assert.Contains("1 business day", t.Subject);
        Assert.Contains("1 position still", t.Html);
    }

    [Fact]
    public void The_escalation_names_who_is_overdue_and_since_when()
    {
        var t = NotificationTemplates.Escalation(new("A", "Review", "Chris CHCO", "Pat Doe", "pat@x.gov", new DateOnly(2025, 3, 15), 3, "https://x.gov/c"));
        Assert.Contains("Pat Doe", t.Subject);
        Assert.Contains("pat@x.gov", t.Html);
        Assert.Contains("Saturday, March 15, 2025", t.Html);
    }

    [Fact]
    public void The_submission_names_agency_memo_and_attachment()
    {
        var t = NotificationTemplates.OpmSubmission(new("Department of X", "Career Reserved Designations", new DateOnly(2025, 2, 5),
            "designation-review.xlsx", "12 positions identified", "Chris CHCO", Eastern(new DateTimeOffset(2025, 3, 20, 19, 30, 0, TimeSpan.Zero)), "Pat", "pat@x.gov"));
        Assert.Equal("Department of X - Career Reserved Designations (Wednesday, February 5, 2025)", t.Subject);
        // The signing time reads as the pages show it: agency local time with the zone named (15:30 EDT, not 19:30 UTC).
        Assert.Contains("Chris CHCO, 2025-03-20 15:30 America/New_York (UTC-04:00)", t.Text);
        Assert.Contains("designation-review.xlsx", t.Html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://x.gov/file")]
    public void Links_must_be_absolute_http_urls(string link)
    {
        Assert.Throws<ArgumentException>(() =>
            NotificationTemplates.ApprovalTask(new("A", "R", "P", 1, new DateOnly(2025, 3, 14), link)));
    }

    [Fact]
    public void A_rendered_template_becomes_a_message()
    {
        var t = NotificationTemplates.Reminder(new("A", "Review", "Pat", 1, 2, new DateOnly(2025, 3, 14), "https://x.gov/t"));
        var m = NotificationMessage.Create("c1", "reminder/pat/2025-03-12", NotificationKind.Reminder, ["pat@x.gov"], t);
        Assert.Equal((t.Subject, t.Html, t.Text), (m.Subject, m.HtmlBody, m.TextBody));
        m.Validate();
    }

    [Fact]
    public void An_early_deadline_warning_says_why_it_comes_now_and_names_the_driving_tasks()
    {
        var deadline = Eastern(new DateTimeOffset(2025, 3, 24, 21, 0, 0, TimeSpan.Zero));
        var early = NotificationTemplates.DeadlineAtRisk(new("DEPARTMENT OF EXAMPLE", "Designation review", "Casey Chco", deadline, 20, 40, 0,
            "https://review.agency.gov/c/1", "Forecast to finish 2025-03-20, after the internal cut-off 2025-03-14; driven by Avery Approver (decision-01)."));
        var ordinary = NotificationTemplates.DeadlineAtRisk(new("DEPARTMENT OF EXAMPLE", "Designation review", "Casey Chco", deadline, 3, 40, 0,
            "https://review.agency.gov/c/1"));

        Assert.Contains("This warning comes early", early.Text);
        Assert.Contains("Avery Approver (decision-01)", early.Html);
        Assert.DoesNotContain("comes early", ordinary.Text);
    }
}
