using SesReview.Domain.Citations;

namespace SesReview.Web.Pages;

/// <summary>A position's findings: what applied and why, with the numbers and the citation; the rule's words on demand (no script).</summary>
internal static class FindingsView
{
    public static HtmlText List(IReadOnlyList<FindingExplanation>? findings) => findings is null || findings.Count == 0
        ? Html.Of($"—")
        : Html.Of($"""
            <ul class="findings">{Html.Join(findings, f => Html.Of($"""
                <li>{f.Because} <cite>{f.Citation}</cite><details><summary>Rule</summary>{f.Rule}</details></li>
                """))}</ul>
            """);
}
