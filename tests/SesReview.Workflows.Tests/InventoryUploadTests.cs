using System.Text;
using System.Text.RegularExpressions;
using SesReview.Storage;
using SesReview.Workbooks.Import;
using SesReview.Workflows.Inventory;
using SesReview.Workflows.Storage;

namespace SesReview.Workflows.Tests;

/// <summary>Upload ids and bounded error lists, through <see cref="InventoryUploads"/> over in-memory storage (no durable worker needed).</summary>
public class InventoryUploadTests
{
    private const string PlumHeader =
        "AgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,IncumbentBeginDate,IncumbentVacateDate";

    /// <summary>A clock that stands still, so two uploads happen in the same millisecond.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 3, 2, 9, 30, 0, 123, TimeSpan.Zero);
    }

    private static byte[] Plum(params string[] rows) => Encoding.UTF8.GetBytes(PlumHeader + "\r\n" + string.Join("\r\n", rows) + "\r\n");

    private static InventoryUploadRequest Request(byte[] bytes, string agency, DateOnly knownGeneral) =>
        new("plum.csv", new MemoryStream(bytes), agency, knownGeneral);

    [Fact]
    public async Task The_same_bytes_uploaded_twice_in_one_millisecond_with_other_options_get_two_ids_each_keeping_its_options()
    {
        var storage = new InMemoryRecordStorage();
        var uploads = new InventoryUploads(storage, new StoppedClock());
        var bytes = Plum(
            "Dept A,Office,Director,Filled,CA,\"Washington, DC\",Pat,Doe,ES,1/2/2020 12:00:00 AM,",
            "Dept B,Office,Director,Filled,CA,\"Washington, DC\",Sam,Roe,ES,1/2/2020 12:00:00 AM,");

        var first = await uploads.UploadAsync(Request(bytes, "Dept A", new DateOnly(2025, 6, 30)), "chco");
        var second = await uploads.UploadAsync(Request(bytes, "Dept B", new DateOnly(2020, 1, 1)), "chco");

        Assert.True(first.Succeeded && second.Succeeded, string.Join("\n", first.Errors.Concat(second.Errors)));
        Assert.NotEqual(first.Upload!.UploadId, second.Upload!.UploadId);
        Assert.Equal(first.Upload.Sha256, second.Upload.Sha256);
        Assert.All(new[] { first.Upload.UploadId, second.Upload.UploadId }, id =>
        {
            Assert.Matches(new Regex("^20260302093000123-[0-9a-f]{16}$"), id);
            Assert.Equal(id, StorageKeys.Escape(id)); // a table key as it is
        });
        Assert.Equal("Dept A", (await uploads.GetAsync(first.Upload.UploadId))!.PlumAgency);
        Assert.Equal("Dept B", (await uploads.GetAsync(second.Upload.UploadId))!.PlumAgency);

        // A fresh process re-parses each upload with its own options.
        var fresh = new InventoryUploads(storage, new StoppedClock());
        Assert.Equal("Dept A", Assert.Single((await fresh.LoadAsync(first.Upload.UploadId))!.Positions).Agency);
        Assert.Equal("Dept B", Assert.Single((await fresh.LoadAsync(second.Upload.UploadId))!.Positions).Agency);
    }

    [Fact]
    public async Task A_file_with_thousands_of_errors_gives_the_first_hundred_and_the_total_and_saves_nothing()
    {
        var storage = new InMemoryRecordStorage();
        var uploads = new InventoryUploads(storage, new StoppedClock());
        var agency = new string('A', 5_000);
        var rows = Enumerable.Range(0, 3_000).Select(i => $"{agency},Office {i},Director,Filled,CA,Here,Pat,Doe,ES,1/2/2020 12:00:00 AM,").ToArray();

        var result = await uploads.UploadAsync(Request(Plum(rows), agency, new DateOnly(2025, 6, 30)), "chco");

        Assert.False(result.Succeeded);
        Assert.Equal(ImportResult<object>.MaxReportedErrors, result.Errors.Count);
        Assert.True(result.TotalErrorCount == 3_000, string.Join("\n", result.Errors.Take(3)));
        Assert.All(result.Errors, e => Assert.True(e.Value!.Length <= ErrorEcho.MaxEchoedChars + 1, e.Value));
        Assert.Empty(await storage.Table(TableNames.Uploads).ListAsync("upload"));
    }
}
