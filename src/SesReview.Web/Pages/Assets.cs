using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace SesReview.Web.Pages;

/// <summary>
/// The files the pages load, served by the host itself (no CDN; the content security policy allows only 'self'):
/// USWDS 3's dist css, js, fonts and img at <c>/assets/uswds/{folder}/{file}</c>, copied from node_modules into the build
/// output by SesReview.Web.csproj, and the site's own few rules at <c>/assets/site.css</c>. Anonymous, because approvers and
/// signers see the same frame without signing in. Only files under the copied dist folders are served: a path that leaves
/// them (<c>..</c>, an absolute path, another folder) or has no known content type answers 404.
/// </summary>
internal static class Assets
{
    public const string UswdsPrefix = "/assets/uswds";
    public const string SiteStyleSheet = "/assets/site.css";

    /// <summary>The dist folders copied from @uswds/uswds; nothing else under the assets folder is served.</summary>
    private static readonly string[] UswdsFolders = ["css", "js", "fonts", "img"];

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Where the copied files sit: beside the app's assemblies (build and publish output alike).</summary>
    internal static string UswdsRoot => Path.Combine(AppContext.BaseDirectory, "assets", "uswds");

    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        var files = Directory.Exists(UswdsRoot) ? new PhysicalFileProvider(UswdsRoot) : null;
        app.MapGet(UswdsPrefix + "/{folder}/{*path}", (string folder, string? path, HttpContext context) => Serve(files, folder, path ?? "", context))
            .ExcludeFromDescription();
        app.MapGet(SiteStyleSheet, (HttpContext context) =>
        {
            CacheFor(context, TimeSpan.FromHours(1));
            return TypedResults.Text(SiteStyle.Css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
    }

    private static IResult Serve(PhysicalFileProvider? files, string folder, string path, HttpContext context)
    {
        if (files is null || path.Length == 0 || !UswdsFolders.Contains(folder, StringComparer.Ordinal)
            || path.Contains("..", StringComparison.Ordinal) || path.Contains('\\') || path.StartsWith('/')
            || !ContentTypes.TryGetContentType(path, out var contentType))
        {
            return TypedResults.NotFound();
        }
        var file = files.GetFileInfo($"{folder}/{path}");
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null) return TypedResults.NotFound();
        CacheFor(context, TimeSpan.FromDays(1));
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified);
    }

    private static void CacheFor(HttpContext context, TimeSpan age) =>
        context.Response.Headers.CacheControl = $"public, max-age={(int)age.TotalSeconds}";
}
