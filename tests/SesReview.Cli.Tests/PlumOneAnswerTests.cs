using System.Text.RegularExpressions;
using SesReview.Cli;
using SesReview.Domain.DesignationReview;
using SesReview.Storage;
using SesReview.Workflows.Inventory;

namespace SesReview.Cli.Tests;

/// <summary>The same PLUM file gives the same answer from the CLI and from the host's upload path, and says what it assumed.</summary>
public sealed class PlumOneAnswerTests : IDisposable
{
    private const string Agency = "DEPARTMENT OF COMMERCE";   // has a noncareer incumbent without a begin date
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "TestData", "plum-excerpt.csv");
    private readonly string _out = Path.Combine(Path.GetTempPath(), "ses-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    private async Task<(int Exit, string Out)> AssessAsync(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["assess", Sample, "--out", _out, .. extra], stdout, stderr);
        return (exit, stdout + stderr.ToString());
    }

    [Theory]
    [InlineData("2020-01-01")]
    [InlineData("2024-06-30")]
    public async Task The_CLI_and_the_upload_path_count_the_same_positions_meeting_criterion_b(string knownGeneral)
    {
        var asOf = new DateOnly(2026, 12, 5);
        var (exit, output) = await AssessAsync("--agency", Agency, "--known-general-as-of", knownGeneral, "--as-of", "2026-12-05");
        Assert.Equal(0, exit);
        var cliCount = int.Parse(Regex.Match(output, @"majority noncareer \(b\):\s+(\d+)").Groups[1].Value);

        var uploads = new InventoryUploads(new InMemoryRecordStorage(), TimeProvider.System);
        await using var file = File.OpenRead(Sample);
        var upload = await uploads.UploadAsync(new InventoryUploadRequest("plum.csv", file, Agency, DateOnly.Parse(knownGeneral)), "chco");
        Assert.True(upload.Succeeded, string.Join("\n", upload.Errors));
        var inventory = (await uploads.LoadAsync(upload.Upload!.UploadId))!;
        var hostCount = new DesignationAssessor().Assess(inventory, asOf).Count(a => a.Identified && a.MajorityNoncareer);

        Assert.Equal(hostCount, cliCount);
        Assert.Contains($"Incumbents without a start date are taken as serving since {knownGeneral}", output);
        Assert.Contains(upload.Upload.Notes!, n => n.StartsWith($"Incumbents without a start date are taken as serving since {knownGeneral}", StringComparison.Ordinal));
        if (knownGeneral == "2020-01-01") Assert.True(cliCount > 0, "undated noncareer incumbents serving since 2020 meet criterion (b)");
    }

    [Fact]
    public async Task An_agency_that_matches_nothing_exits_1_naming_the_closest_agencies_and_writes_nothing()
    {
        var (exit, output) = await AssessAsync("--agency", "CONSUMER PRODUCT SAFETY COMM", "--known-general-as-of", "2020-01-01");   // a typo of a real agency
        Assert.Equal(1, exit);
        Assert.Contains("The closest agency names in the file are 'CONSUMER PRODUCT SAFETY COMMISSION'", output);
        Assert.False(File.Exists(Path.Combine(_out, "designation-review-report.xlsx")));

        // The host's upload path refuses it the same way (the API answers 400), rather than storing 0 positions.
        var uploads = new InventoryUploads(new InMemoryRecordStorage(), TimeProvider.System);
        await using var file = File.OpenRead(Sample);
        var upload = await uploads.UploadAsync(new InventoryUploadRequest("plum.csv", file, "CONSUMER PRODUCT SAFETY COMM", new DateOnly(2020, 1, 1)), "chco");
        Assert.False(upload.Succeeded);
        Assert.Contains("The closest agency names in the file are 'CONSUMER PRODUCT SAFETY COMMISSION'", Assert.Single(upload.Errors).Message);
    }

    [Fact]
    public async Task A_PLUM_export_gives_no_allocation_workbook_and_says_why()
    {
        var (exit, output) = await AssessAsync("--agency", Agency, "--known-general-as-of", "2020-01-01");
        Assert.Equal(0, exit);
        Assert.Contains("not assessed: PLUM carries no allocation counts", output);
        Assert.False(File.Exists(Path.Combine(_out, "allocation-adjustment-workbook.xlsx")));
    }
}
