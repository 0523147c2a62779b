using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport;

/// <summary>
/// How a script client posts a form (multipart upload, url-encoded) to the host's <c>/api</c>: fetch the antiforgery token
/// with <c>GET /api/antiforgery</c> (the answer also sets the cookie the token pairs with, so <paramref name="client"/> must
/// keep cookies, as HttpClientHandler and WebApplicationFactory's clients do) and send it in the header the answer names.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>The header name and token from <c>GET /api/antiforgery</c>.</summary>
    public static async Task<(string HeaderName, string Token)> FetchAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync("/api/antiforgery").ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        return (body.GetProperty("headerName").GetString()!, body.GetProperty("requestToken").GetString()!);
    }

    /// <summary>POSTs <paramref name="form"/> to <paramref name="path"/> with a freshly fetched token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, HttpContent form)
    {
        var (header, token) = await FetchAsync(client).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add(header, token);
        return await client.SendAsync(request).ConfigureAwait(false);
    }
}
