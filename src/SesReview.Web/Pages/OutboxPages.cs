using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SesReview.Notifications.Outbox;

namespace SesReview.Web.Pages;

/// <summary>
/// <c>/outbox</c>: the messages the local outbox channel "sent", newest first; one message with its HTML body in a sandboxed
/// frame (no scripts, no same-origin access); its attachments at <c>/outbox/{cycleId}/attachment/{index}/{*messageKey}</c>.
/// </summary>
internal static class OutboxPages
{
    public static void MapOutboxPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/outbox").ExcludeFromDescription();
        group.MapGet("/", List);
        group.MapGet("/{cycleId}/attachment/{index:int}/{*messageKey}", Attachment);
        group.MapGet("/{cycleId}/{*messageKey}", Show);
    }

    internal static string MessageUrl(string cycleId, string messageKey) => $"/outbox/{Html.Segment(cycleId)}/{Html.Path(messageKey)}";

    /// <summary>Messages per page of the list.</summary>
    internal const int PageSize = 100;

    internal static async Task<ContentHttpResult> List(HttpContext context, [FromServices] IOutboxReader outbox, int? page, CancellationToken cancellationToken)
    {
        var shown = await outbox.ListPageAsync(null, Math.Max(1, page ?? 1), PageSize, cancellationToken);
        var zone = PageTime.Zone(context);
        var content = shown.Total == 0
            ? Html.Of($"<p>The outbox is empty.</p>")
            : Html.Of($"""
                <p>Messages {Math.Min(shown.Total, (shown.Page - 1) * shown.PageSize + 1):N0}–{Math.Min(shown.Total, shown.Page * shown.PageSize):N0} of {shown.Total:N0}, newest first.</p>
                {Layout.Table(Html.Of($"""
                    <thead><tr><th scope="col">Sent at</th><th scope="col">Cycle</th><th scope="col">Message</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Attachments</th><th scope="col">Action</th></tr></thead>
                    <tbody>{Html.Join(shown.Items, i => Row(i, zone))}</tbody>
                    """), extraClass: "outbox")}
                {Pager(shown)}
                """);
        return PageResults.Page(context, "Outbox", content);
    }

    private static HtmlText Pager(OutboxPage shown) => shown.Pages <= 1 ? HtmlText.Empty : Html.Of($"""
        <nav aria-label="Outbox pages">{(shown.Page > 1 ? Html.Of($"""<a href="/outbox?page={shown.Page - 1}">Newer</a> """) : HtmlText.Empty)}Page {shown.Page} of {shown.Pages}{(shown.Page < shown.Pages ? Html.Of($""" <a href="/outbox?page={shown.Page + 1}">Older</a>""") : HtmlText.Empty)}</nav>
        """);

    private static HtmlText Row(OutboxListItem i, TimeZoneInfo zone) => Html.Of($"""
        <tr><td>{PageTime.Format(i.SentAt, zone)}</td><td><a class="usa-link" href="/cycles/{Html.Segment(i.CycleId)}">{i.CycleId}</a></td>
        <td><a class="usa-link" href="{MessageUrl(i.CycleId, i.MessageKey)}">{i.MessageKey}</a></td><td>{UserWords.Message(i.Kind)}</td><td>{string.Join(", ", i.To)}</td><td>{i.Subject}</td>
        <td>{i.AttachmentCount}{(i.AttachmentSha256 is { } sha ? Html.Of($"<br><small>SHA-256 <code>{sha}</code></small>") : HtmlText.Empty)}</td>
        <td>{(i.Action is { } a ? ActionLink(a.Url, a.Label) : HtmlText.Empty)}</td></tr>
        """);

    /// <summary>The message's action link, only when it is an http(s) URL (a <c>javascript:</c> link is shown as text).</summary>
    private static HtmlText ActionLink(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? Html.Of($"""<a class="usa-link" href="{url}">{label}</a>""")
            : Html.Of($"{label}: {url}");

    internal static async Task<ContentHttpResult> Show(
        string cycleId, string messageKey, HttpContext context, [FromServices] IOutboxReader outbox, CancellationToken cancellationToken)
    {
        var item = await outbox.GetAsync(cycleId, messageKey, cancellationToken);
        if (item is null) return PageResults.NotFound(context, $"There is no message '{messageKey}' of cycle '{cycleId}' in the outbox.");
        var m = item.Message;
        var zone = PageTime.Zone(context);
        var content = Html.Of($"""
            {Layout.Table(Html.Of($"""
                <tbody>
                <tr><th scope="row">Subject</th><td>{m.Subject}</td></tr>
                <tr><th scope="row">To</th><td>{string.Join(", ", m.To)}</td></tr>
                {(m.Cc.Count == 0 ? HtmlText.Empty : Html.Of($"<tr><th scope=\"row\">Cc</th><td>{string.Join(", ", m.Cc)}</td></tr>"))}
                <tr><th scope="row">Sent at</th><td>{PageTime.Format(item.SentAt, zone)}</td></tr>
                <tr><th scope="row">Kind</th><td>{UserWords.Message(m.Kind)}</td></tr>
                <tr><th scope="row">Cycle</th><td><a class="usa-link" href="/cycles/{Html.Segment(m.CycleId)}">{m.CycleId}</a></td></tr>
                <tr><th scope="row">Message</th><td>{m.MessageKey}</td></tr>
                {(m.Action is { } a ? Html.Of($"<tr><th scope=\"row\">Action</th><td>{ActionLink(a.Url, a.Label)}</td></tr>") : HtmlText.Empty)}
                </tbody>
                """))}
            <h2>Attachments</h2>
            {(m.Attachments.Count == 0 ? Html.Of($"<p>None.</p>") : Html.Of($"<ul class=\"usa-list\">{Html.Join(m.Attachments.Select((x, i) => Html.Of($"""<li><a class="usa-link" href="/outbox/{Html.Segment(m.CycleId)}/attachment/{i}/{Html.Path(m.MessageKey)}">{x.FileName}</a> ({x.ContentType}, {x.Length} bytes)</li>""")))}</ul>"))}
            {(item.AttachmentSha256 is { } sha ? Html.Of($"<p>SHA-256 of the attachment: <code>{sha}</code></p>") : HtmlText.Empty)}
            <h2>Body</h2>
            <iframe class="message-body" sandbox="" referrerpolicy="no-referrer" title="Message body" srcdoc="{m.HtmlBody}"></iframe>
            """);
        return PageResults.Page(context, m.Subject, content);
    }

    internal static async Task<Results<FileContentHttpResult, ContentHttpResult>> Attachment(
        string cycleId, int index, string messageKey, HttpContext context, [FromServices] IOutboxReader outbox, CancellationToken cancellationToken)
    {
        var item = await outbox.GetAsync(cycleId, messageKey, cancellationToken);
        if (item is null || index < 0 || index >= item.Message.Attachments.Count)
        {
            return PageResults.NotFound(context, $"There is no attachment {index} of message '{messageKey}' of cycle '{cycleId}'.");
        }
        var attachment = item.Message.Attachments[index];
        return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }
}
