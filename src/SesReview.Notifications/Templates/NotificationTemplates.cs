using static SesReview.Notifications.Templates.HtmlBuilder;

namespace SesReview.Notifications.Templates;

/// <summary>
/// Every message the product sends, in one place. Each method returns the subject, HTML and text; every value from
/// the model is HTML-encoded, so names, titles and justifications typed by users cannot inject markup.
/// </summary>
public static class NotificationTemplates
{
    public static RenderedTemplate ApprovalTask(ApprovalTaskModel m) =>
        new HtmlBuilder($"Action required: {m.CycleTitle}")
            .Paragraph($"Dear {m.ApproverName},")
            .Paragraph("You have been assigned ", Strong(Count(m.PositionCount, m.Items)),
                m.Items == TaskItems.Components ? $" to propose allocations for in the {m.CycleTitle} of {m.Agency}." : $" to decide in the {m.CycleTitle} of {m.Agency}.")
            .Facts((m.Items == TaskItems.Components ? "Components" : "Positions", m.PositionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Due", FormatDate(m.DueDate)))
            .Link(m.SignedLink, "Open your review task")
            .Note("The link is personal to you and expires. Opening it changes nothing; decisions are recorded only when you submit the page.")
            .Build($"Action required by {FormatDate(m.DueDate)}: {m.CycleTitle} ({Count(m.PositionCount, m.Items)})");

    public static RenderedTemplate Reminder(ReminderModel m) =>
        new HtmlBuilder($"Reminder: {m.CycleTitle}")
            .Paragraph($"Dear {m.ApproverName},")
            .Paragraph("Your review task is due in ", Strong(BusinessDays(m.BusinessDaysLeft)), $" and {Count(m.PositionsUndecided, m.Items)} still {(m.PositionsUndecided == 1 ? "needs" : "need")} your {(m.Items == TaskItems.Components ? "proposal" : "decision")}.")
            .Facts((m.Items == TaskItems.Components ? "Components without a proposal" : "Undecided positions", m.PositionsUndecided.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Due", FormatDate(m.DueDate)))
            .Link(m.SignedLink, "Open your review task")
            .Build($"Reminder: {m.CycleTitle} due in {BusinessDays(m.BusinessDaysLeft)}");

    public static RenderedTemplate Escalation(EscalationModel m) =>
        new HtmlBuilder($"Overdue: {m.CycleTitle}")
            .Paragraph($"Dear {m.ChcoName},")
            .Paragraph(Strong(m.ApproverName), $" ({m.ApproverEmail}) has not completed the review task of the {m.CycleTitle}; it is overdue since {FormatDate(m.OverdueSince)}.")
            .Facts(("Approver", $"{m.ApproverName} <{m.ApproverEmail}>"), ("Overdue since", FormatDate(m.OverdueSince)),
                ("Undecided positions", m.PositionsUndecided.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Link(m.DashboardLink, "Open the cycle dashboard")
            .Note("You can delegate the task to another approver from the dashboard.")
            .Build($"Overdue approval: {m.ApproverName} ({m.CycleTitle})");

    public static RenderedTemplate DeadlineAtRisk(DeadlineAtRiskModel m)
    {
        var builder = new HtmlBuilder($"OPM deadline at risk: {m.CycleTitle}")
            .Paragraph($"Dear {m.ChcoName},")
            .Paragraph("The OPM deadline of the ", Strong(m.CycleTitle), $" ({m.Agency}) is {FormatTime(m.OpmDeadline)}, ",
                Strong(BusinessDays(m.BusinessDaysLeft)), " from now, and the package is not ready.");
        // An early warning (the forecast misses the internal cut-off) says why it comes now and which approvers drive it.
        if (m.Forecast is not null)
            builder = builder.Paragraph($"This warning comes early: at the approvers' pace so far the decisions will not be complete by the internal cut-off. {m.Forecast}");
        return builder
            .Facts(("OPM deadline", FormatTime(m.OpmDeadline)),
                ("Undecided positions", m.PositionsUndecided.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Overdue tasks", m.OverdueTasks.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Link(m.DashboardLink, "Open the cycle dashboard")
            .Build($"Warning: OPM deadline at risk for {m.CycleTitle}");
    }

    public static RenderedTemplate SignOffRequest(SignOffRequestModel m) =>
        new HtmlBuilder($"Sign-off requested: {m.CycleTitle}")
            .Paragraph($"Dear {m.SignerName},")
            .Paragraph("The package of the ", Strong(m.CycleTitle), $" ({m.Agency}) is ready. Please review it and sign it off, or send it back with a note.")
            .Facts(("Items in the package", m.PositionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Summary", m.Summary),
                ("OPM deadline", FormatTime(m.OpmDeadline)))
            .Link(m.SignOffLink, "Review and sign off")
            .Build($"Sign-off requested: {m.CycleTitle}");

    public static RenderedTemplate OpmSubmission(OpmSubmissionModel m) =>
        new HtmlBuilder($"{m.Agency}: response to {m.MemoTitle}")
            .Paragraph("To the Office of Personnel Management,")
            .Paragraph(Strong(m.Agency), $" submits its response to the OPM memorandum \"{m.MemoTitle}\" of {FormatDate(m.MemoDate)}. " +
                $"The attached workbook {m.AttachmentFileName} holds the details.")
            .Facts(("Agency", m.Agency), ("Memorandum", $"{m.MemoTitle} ({FormatDate(m.MemoDate)})"), ("Attachment", m.AttachmentFileName),
                ("Summary", m.Summary), ("Signed off by", $"{m.SignedOffBy}, {FormatTime(m.SignedOffAt)}"))
            .Paragraph($"Contact: {m.ContactName} ({m.ContactEmail})")
            .Build($"{m.Agency} - {m.MemoTitle} ({FormatDate(m.MemoDate)})");

    private static string Count(int count, TaskItems items) => (count, items) switch
    {
        (1, TaskItems.Components) => "1 component",
        (_, TaskItems.Components) => $"{count} components",
        (1, _) => "1 position",
        _ => $"{count} positions",
    };

    private static string BusinessDays(int count) => count == 1 ? "1 business day" : $"{count} business days";
}
