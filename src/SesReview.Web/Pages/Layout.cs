namespace SesReview.Web.Pages;

/// <summary>
/// The shared page frame in USWDS 3 (served by the host, <see cref="Assets"/>): skip link, the government banner, a header with
/// the menu for signed-in staff (Dashboard, Outbox, New cycle) or compliance (Dashboard) and who is signed in, the content in
/// <c>main</c>, and the identifier footer. Approver and signer pages (task links) get the banner and identifier but neither
/// menu nor sign-in line.
/// </summary>
internal static class Layout
{
    public static HtmlText Page(string title, HtmlText content, PageChrome chrome) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · SES review</title>
        <link rel="stylesheet" href="{Assets.UswdsPrefix}/css/uswds.min.css"><link rel="stylesheet" href="{Assets.SiteStyleSheet}">
        <script src="{Assets.UswdsPrefix}/js/uswds-init.min.js"></script>
        </head>
        <body>
        <a class="usa-skipnav" href="#main-content">Skip to main content</a>
        {Banner}
        {Header(chrome)}
        <main id="main-content" class="grid-container padding-bottom-4">
        <h1>{title}</h1>
        {content}
        </main>
        {Identifier}
        <script src="{Assets.UswdsPrefix}/js/uswds.min.js"></script>
        </body>
        </html>
        """);

    private static readonly HtmlText Banner = Html.Of($"""
        <section class="usa-banner" aria-label="Official website of the United States government">
        <div class="usa-accordion"><header class="usa-banner__header"><div class="usa-banner__inner">
        <div class="grid-col-auto"><img aria-hidden="true" class="usa-banner__header-flag" src="{Assets.UswdsPrefix}/img/us_flag_small.png" alt=""></div>
        <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true"><p class="usa-banner__header-text">An official website of the United States government</p>
        <p class="usa-banner__header-action">Here’s how you know</p></div>
        <button type="button" class="usa-accordion__button usa-banner__button" aria-expanded="false" aria-controls="gov-banner"><span class="usa-banner__button-text">Here’s how you know</span></button>
        </div></header>
        <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden><div class="grid-row grid-gap-lg">
        <div class="usa-banner__guidance tablet:grid-col-6"><img class="usa-banner__icon usa-media-block__img" src="{Assets.UswdsPrefix}/img/icon-dot-gov.svg" role="img" alt="" aria-hidden="true">
        <div class="usa-media-block__body"><p><strong>Official websites use .gov</strong><br>A <strong>.gov</strong> website belongs to an official government organization in the United States.</p></div></div>
        <div class="usa-banner__guidance tablet:grid-col-6"><img class="usa-banner__icon usa-media-block__img" src="{Assets.UswdsPrefix}/img/icon-https.svg" role="img" alt="" aria-hidden="true">
        <div class="usa-media-block__body"><p><strong>Secure .gov websites use HTTPS</strong><br>A lock or https:// means you’ve safely connected to the .gov website. Share sensitive information only on official, secure websites.</p></div></div>
        </div></div></div>
        </section>
        """);

    private static HtmlText Header(PageChrome chrome)
    {
        var links = chrome.Menu switch
        {
            PageMenu.Staff => new[] { ("/", "Dashboard"), ("/outbox", "Outbox"), ("/cycles/new", "New cycle") },
            PageMenu.Compliance => [("/", "Dashboard")],
            _ => [],
        };
        var nav = links.Length == 0 ? HtmlText.Empty : Html.Of($"""
            <nav aria-label="Main" class="usa-nav"><button type="button" class="usa-nav__close"><img src="{Assets.UswdsPrefix}/img/usa-icons/close.svg" role="img" alt="Close the menu"></button>
            <ul class="usa-nav__primary usa-accordion">{Html.Join(links, l => Html.Of($"""<li class="usa-nav__primary-item"><a class="usa-nav-link" href="{l.Item1}"><span>{l.Item2}</span></a></li>"""))}</ul></nav>
            """);
        return Html.Of($"""
            <header class="usa-header usa-header--basic">
            <div class="usa-nav-container"><div class="usa-navbar"><div class="usa-logo"><em class="usa-logo__text">{(links.Length == 0 ? Html.Of($"SES review") : Html.Of($"""<a href="/">SES review</a>"""))}</em></div>
            {(links.Length == 0 ? HtmlText.Empty : Html.Of($"""<button type="button" class="usa-menu-btn">Menu</button>"""))}</div>
            {nav}</div>
            {SignedIn(chrome)}
            </header>
            """);
    }

    private static HtmlText SignedIn(PageChrome chrome) => chrome.SignedInAs is not { } who ? HtmlText.Empty : Html.Of($"""
        <div class="signed-in">Signed in as <strong>{who}</strong> ({chrome.RoleText})<form method="post" action="/signout"><button class="usa-button usa-button--outline" type="submit">Sign out</button></form></div>
        """);

    private static readonly HtmlText Identifier = Html.Of($"""
        <footer class="usa-identifier">
        <section class="usa-identifier__section usa-identifier__section--masthead" aria-label="Agency identifier"><div class="usa-identifier__container">
        <section class="usa-identifier__identity" aria-label="Agency description"><p class="usa-identifier__identity-domain">SES review</p>
        <p class="usa-identifier__identity-disclaimer">A service of the agency's executive resources office, for the Senior Executive Service reviews OPM requests.</p></section>
        </div></section>
        <section class="usa-identifier__section usa-identifier__section--usagov" aria-label="U.S. government information and services"><div class="usa-identifier__container">
        <div class="usa-identifier__usagov-description">Looking for U.S. government information and services?</div>
        <a href="https://www.usa.gov/" class="usa-link">Visit USA.gov</a></div></section>
        </footer>
        """);

    /// <summary>A list of problems, each naming what is at fault, as a USWDS error alert.</summary>
    public static HtmlText Errors(string heading, IEnumerable<(string Where, string Message)> errors)
    {
        var list = errors.ToList();
        if (list.Count == 0) return HtmlText.Empty;
        return Html.Of($"""<div class="usa-alert usa-alert--error errors" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">{heading}</h2><ul class="usa-list">{Html.Join(list, e => Html.Of($"<li><strong>{e.Where}</strong>: {e.Message}</li>"))}</ul></div></div>""");
    }

    /// <summary>
    /// A success message (USWDS success alert, announced as a status). Without a heading it is a slim alert, for pages whose
    /// own title already says what happened (a second "Recorded" heading would only repeat it to screen readers).
    /// </summary>
    public static HtmlText Success(string? heading, HtmlText body) => heading is null
        ? Html.Of($"""<div class="usa-alert usa-alert--success usa-alert--slim ok" role="status"><div class="usa-alert__body">{body}</div></div>""")
        : Html.Of($"""<div class="usa-alert usa-alert--success ok" role="status"><div class="usa-alert__body"><h2 class="usa-alert__heading">{heading}</h2>{body}</div></div>""");

    /// <summary>A table in a scrollable USWDS container, so wide tables scroll inside the page at 375 px instead of widening it.</summary>
    public static HtmlText Table(HtmlText inner, string? caption = null, string? extraClass = null) => Html.Of($"""
        <div class="usa-table-container--scrollable" tabindex="0"><table class="usa-table usa-table--borderless{(extraClass is null ? "" : " " + extraClass)}">{(caption is null ? HtmlText.Empty : Html.Of($"<caption>{caption}</caption>"))}{inner}</table></div>
        """);
}
