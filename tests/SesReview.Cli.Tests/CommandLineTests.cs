using SesReview.Cli;

namespace SesReview.Cli.Tests;

public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0(string word)
    {
        var (exit, output, error) = await RunAsync(word);
        Assert.Equal(0, exit);
        Assert.Contains("ses-review assess", output);
        Assert.Contains("--snapshot-date", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Help_after_a_command_prints_the_usage_and_does_nothing_else()
    {
        var (exit, output, _) = await RunAsync("template", "--help");
        Assert.Equal(0, exit);
        Assert.StartsWith("Usage:", output);
    }

    [Fact]
    public async Task An_unknown_command_exits_2_with_the_usage_on_stderr()
    {
        var (exit, output, error) = await RunAsync("asses");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Unknown command 'asses'.", error);
        Assert.Contains("Usage:", error);
    }
}
