using System.Net;
using System.Text.Json;
using SesReview.Host.Tests.Support;
using SesReview.Workbooks.Import;
using TestSupport;

namespace SesReview.Host.Tests;

public class InventoryApiTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public InventoryApiTests(HostFactory host) => _host = host;

    [Fact]
    public async Task Uploading_an_inventory_answers_201_with_the_upload()
    {
        var client = _host.CreateStaffClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("a,b"u8.ToArray()), "file", "plum.csv" },
            { new StringContent("DEPARTMENT OF EXAMPLE"), "plumAgency" },
            { new StringContent("2021-01-19"), "plumKnownGeneralAsOf" },
        };
        var response = await ApiAntiforgery.PostFormAsync(client, "/api/inventories", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("plum.csv", body.GetProperty("fileName").GetString());
        Assert.Equal("2021-01-19", body.GetProperty("plumKnownGeneralAsOf").GetString());
        Assert.Contains(_host.Uploads.Uploaded, u => u.PlumAgency == "DEPARTMENT OF EXAMPLE" && u.KnownGeneral == new DateOnly(2021, 1, 19));
    }

    [Fact]
    public async Task Uploading_without_a_file_answers_400_naming_file()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "plumAgency" } };
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/inventories", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("file", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Uploading_an_inventory_with_errors_answers_400_listing_every_import_error()
    {
        // The product's own upload service: the errors listed are the importer's, not a fake's.
        await using var host = await RealUploads.StartHostAsync();
        byte[] plum = RealUploads.PlumWithThreeBadRows();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(plum), "file", "plum.csv" },
            { new StringContent("2025-06-30"), "plumKnownGeneralAsOf" },
        };
        var response = await ApiAntiforgery.PostFormAsync(host.CreateStaffClient(), "/api/inventories", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            [(2, "IncumbentBeginDate", "2/30/2024 12:00:00 AM"), (3, "IncumbentVacateDate", "2/1/2024 12:00:00 AM"), (4, "AppointmentTypeDescription", "QQ")],
            errors.Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString())));
        Assert.All(errors, e => Assert.Equal("plum.csv", e.GetProperty("file").GetString()));
        // Each message as the importer words it.
        var expected = new PlumCsvImporter(new PlumImportOptions { KnownGeneralAsOf = new DateOnly(2025, 6, 30) }).Import(new MemoryStream(plum), "plum.csv");
        Assert.Equal(expected.Errors.Select(e => e.Message), errors.Select(e => e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Uploading_more_than_25_megabytes_answers_413_and_stores_nothing()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[25 * 1024 * 1024 + 1]), "file", "huge.xlsx" } };
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/inventories", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(_host.Uploads.Uploaded, u => u.FileName == "huge.xlsx");
    }
}
