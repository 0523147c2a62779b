using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace FunctionsApp.Tests.Support;

/// <summary>Fetches a page and parses it as a browser would.</summary>
internal static class Browser
{
    public static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
