namespace TestSupport;

/// <summary>The repository's root folder (the one holding SesReview.sln and host.json), found from the running build's output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SesReview.sln")) && File.Exists(System.IO.Path.Combine(dir.FullName, "host.json"))) return dir.FullName;
        throw new InvalidOperationException($"The repository root (SesReview.sln and host.json) was not found above {AppContext.BaseDirectory}.");
    }
}
