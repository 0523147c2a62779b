using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SesReview.Host.Tests.Support;

/// <summary>Fetches a page and parses it as a browser would.</summary>
internal static class Browser
{
    public static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Opens <paramref name="path"/> with <paramref name="client"/> (which keeps the antiforgery cookie) and returns the form's token field.</summary>
    public static async Task<(string Name, string Value)> AntiforgeryField(HttpClient client, string path)
    {
        var page = await Parse(await client.GetAsync(path));
        var field = page.QuerySelector("form[method='post'] input[type='hidden'][name^='__RequestVerificationToken']")
            ?? throw new InvalidOperationException($"{path} has no antiforgery field.");
        return (field.GetAttribute("name")!, field.GetAttribute("value")!);
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
