using System.Text.Json;

namespace SesReview.Functions.Tests;

/// <summary>One binding of a function as the Worker SDK writes it to functions.metadata.</summary>
internal sealed record FunctionBinding(string Name, string Type, string? Route, IReadOnlyList<string> Methods);

/// <summary>One function of functions.metadata: what the Functions host indexes, so what exists on Azure.</summary>
internal sealed record FunctionEntry(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding? Binding(string type) => Bindings.FirstOrDefault(b => string.Equals(b.Type, type, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads the functions.metadata the Worker SDK generates in the Functions app's build output.</summary>
internal static class FunctionsMetadata
{
    public static string PathOf(string outputFolder) => Path.Combine(outputFolder, "functions.metadata");

    public static IReadOnlyList<FunctionEntry> Read(string outputFolder)
    {
        var path = PathOf(outputFolder);
        Assert.True(File.Exists(path), $"No {path}: build src/SesReview.Functions in this configuration first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => new FunctionEntry(
            function.GetProperty("name").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(binding => new FunctionBinding(
                binding.GetProperty("name").GetString()!,
                binding.GetProperty("type").GetString()!,
                binding.TryGetProperty("route", out var route) ? route.GetString() : null,
                binding.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : []))]))];
    }
}
