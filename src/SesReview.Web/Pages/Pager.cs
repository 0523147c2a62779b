namespace SesReview.Web.Pages;

/// <summary>
/// A page of a long list (a cycle's positions) and its USWDS pagination nav: first, last and the pages around the current one,
/// each a link carrying the page number in the query (<c>?positions=3</c>).
/// </summary>
internal sealed record Pager(int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The page asked for, kept within 1..Pages.</summary>
    public static Pager For(int? requested, int pageSize, int total)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new(Math.Clamp(requested ?? 1, 1, pages), pageSize, total);
    }

    /// <summary>The page's items of the whole list (the benchmark's in-memory cycles; the cycle page reads only its page).</summary>
    public IEnumerable<T> Slice<T>(IEnumerable<T> items) => items.Skip((Page - 1) * PageSize).Take(PageSize);

    public int First => Total == 0 ? 0 : (Page - 1) * PageSize + 1;

    public int Last => Math.Min(Total, Page * PageSize);

    /// <param name="href">The link to a page number, e.g. <c>n => $"/cycles/x?positions={n}#positions"</c>.</param>
    public HtmlText Nav(string label, Func<int, string> href)
    {
        if (Pages <= 1) return HtmlText.Empty;
        var shown = new SortedSet<int> { 1, Pages };
        for (var n = Page - 2; n <= Page + 2; n++) if (n >= 1 && n <= Pages) shown.Add(n);
        var items = new List<HtmlText>();
        if (Page > 1)
            items.Add(Html.Of($"""<li class="usa-pagination__item usa-pagination__arrow"><a href="{href(Page - 1)}" class="usa-pagination__link usa-pagination__previous-page"><span class="usa-pagination__link-text">Previous page</span></a></li>"""));
        var previous = 0;
        foreach (var n in shown)
        {
            if (n > previous + 1) items.Add(Html.Of($"""<li class="usa-pagination__item usa-pagination__overflow"><span aria-hidden="true">…</span></li>"""));
            items.Add(n == Page
                ? Html.Of($"""<li class="usa-pagination__item usa-pagination__page-no"><a href="{href(n)}" class="usa-pagination__button usa-current" aria-current="page" aria-label="Page {n}">{n}</a></li>""")
                : Html.Of($"""<li class="usa-pagination__item usa-pagination__page-no"><a href="{href(n)}" class="usa-pagination__button" aria-label="Page {n}">{n}</a></li>"""));
            previous = n;
        }
        if (Page < Pages)
            items.Add(Html.Of($"""<li class="usa-pagination__item usa-pagination__arrow"><a href="{href(Page + 1)}" class="usa-pagination__link usa-pagination__next-page"><span class="usa-pagination__link-text">Next page</span></a></li>"""));
        return Html.Of($"""<nav aria-label="{label}" class="usa-pagination"><ul class="usa-pagination__list">{Html.Join(items)}</ul></nav>""");
    }
}
