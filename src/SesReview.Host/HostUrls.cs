namespace SesReview.Host;

internal static class HostUrls
{
    /// <summary>Where the host listens without <c>--urls</c> or <c>ASPNETCORE_URLS</c> (the Functions host's local port).</summary>
    public const string Default = "http://127.0.0.1:7071";
}
