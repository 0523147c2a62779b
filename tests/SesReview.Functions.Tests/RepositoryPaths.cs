namespace SesReview.Functions.Tests;

/// <summary>Where things are, found from the test's own output folder (…/tests/X/bin/{Configuration}/{tfm}/).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding SesReview.sln, walking up from the test's output.</summary>
    public static string Root => TestSupport.RepositoryRoot.Path;

    /// <summary>The configuration the tests were built in; the Functions app was built in the same one.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string FunctionsOutput => Path.Combine(Root, "src", "SesReview.Functions", "bin", Configuration, "net10.0");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

}
