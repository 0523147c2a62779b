namespace SesReview.Web.Pages;

/// <summary>
/// The shared page frame: title, a small style sheet, the nav for signed-in staff (Dashboard, Outbox, New cycle) or compliance
/// (Dashboard), who is signed in, and the content. Approver and signer pages (task links) get neither nav nor sign-in line.
/// </summary>
internal static class Layout
{
    private const string Style = """
        body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:0;color:#1b1b1b}
        nav{background:#112e51;padding:.6rem 1rem}nav a{color:#fff;margin-right:1.2rem;text-decoration:none;font-weight:600}
        main{padding:1rem 1.5rem;max-width:80rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
        th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
        .errors{border:2px solid #b50909;padding:.5rem 1rem;background:#fdecec}.ok{border:2px solid #2e8540;padding:.5rem 1rem;background:#e7f4e4}
        .overdue{color:#b50909;font-weight:600}textarea{width:100%;min-height:4rem}label{display:block;margin:.4rem 0}
        fieldset{margin:1rem 0}iframe{width:100%;height:32rem;border:1px solid #ccc}
        .signed-in{background:#e1e7f1;padding:.3rem 1rem;font-size:.9rem}.signed-in form{display:inline;margin-left:1rem}
        """;

    public static HtmlText Page(string title, HtmlText content, PageChrome chrome) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · SES review</title><style>{new HtmlText(Style)}</style></head>
        <body>
        {Nav(chrome)}{SignedIn(chrome)}
        <main>
        <h1>{title}</h1>
        {content}
        </main>
        </body>
        </html>
        """);

    private static HtmlText Nav(PageChrome chrome) => chrome.Menu switch
    {
        PageMenu.Staff => Html.Of($"""<nav aria-label="Main"><a href="/">Dashboard</a><a href="/outbox">Outbox</a><a href="/cycles/new">New cycle</a></nav>"""),
        PageMenu.Compliance => Html.Of($"""<nav aria-label="Main"><a href="/">Dashboard</a></nav>"""),
        _ => HtmlText.Empty,
    };

    private static HtmlText SignedIn(PageChrome chrome) => chrome.SignedInAs is not { } who ? HtmlText.Empty : Html.Of($"""
        <div class="signed-in">Signed in as <strong>{who}</strong> ({chrome.RoleText})<form method="post" action="/signout"><button type="submit">Sign out</button></form></div>
        """);

    /// <summary>A list of problems, each naming what is at fault.</summary>
    public static HtmlText Errors(string heading, IEnumerable<(string Where, string Message)> errors)
    {
        var list = errors.ToList();
        if (list.Count == 0) return HtmlText.Empty;
        return Html.Of($"""<div class="errors" role="alert"><p><strong>{heading}</strong></p><ul>{Html.Join(list, e => Html.Of($"<li><strong>{e.Where}</strong>: {e.Message}</li>"))}</ul></div>""");
    }
}
