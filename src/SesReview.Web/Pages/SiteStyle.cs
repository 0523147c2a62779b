namespace SesReview.Web.Pages;

/// <summary>
/// The few rules USWDS does not give, served as <c>/assets/site.css</c> (the content security policy allows no inline style):
/// the signed-in line in the header, overdue and attention marks, the outbox frame, a chart that shrinks to a phone's width.
/// </summary>
internal static class SiteStyle
{
    public const string Css = """
        .signed-in{background:#e1e7f1;padding:.3rem 1rem;font-size:.9rem}
        .signed-in form{display:inline;margin-left:1rem}
        .signed-in .usa-button{margin:0;padding:.3rem .8rem;font-size:.9rem}
        .overdue,.attention{color:#b50909;font-weight:700}
        iframe.message-body{width:100%;height:32rem;border:1px solid #dfe1e2}
        .usa-table-container--scrollable{max-width:100%}
        .usa-table td,.usa-table th{vertical-align:top}
        .usa-fieldset.position{border:1px solid #dfe1e2;padding:.5rem 1rem 1rem;margin:1rem 0}
        .usa-fieldset.position .usa-legend{font-weight:700;padding:0 .25rem}
        .usa-step-indicator{margin:1rem 0 1.5rem}
        .findings{margin:0;padding-left:1.2rem}
        .forecast-chart{max-width:100%;height:auto}
        """;
}
