namespace SesReview.Host;

internal static class HostUrls
{
    /// <summary>Where the host listens without <c>--urls</c> or <c>ASPNETCORE_URLS</c> (the Functions host's local port).</summary>
    public const string Default = "http://127.0.0.1:7071";

    /// <summary>
    /// The addresses Kestrel will listen on, from the same settings it reads: <c>Kestrel:Endpoints:*:Url</c> when any is set
    /// (they replace the others), else <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, or <see cref="Default"/>).
    /// The development sign-in checks them before the host starts.
    /// </summary>
    public static IReadOnlyCollection<string> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        if (endpoints.Count > 0) return endpoints;
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        return string.IsNullOrWhiteSpace(urls) ? [Default] : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
