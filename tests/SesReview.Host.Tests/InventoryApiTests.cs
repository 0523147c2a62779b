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
        await using var host = await HostFactory.StartNewAsync();
        host.Uploads.Errors =
        [
            new ImportError("inventory.xlsx", "Positions", 7, "Pay plan", "XX", "Pay plan must be ES, SL or ST."),
            new ImportError("inventory.xlsx", "Incumbents", 12, "Start date", "2025-13-01", "Not a date."),
        ];
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "inventory.xlsx" } };
        var response = await ApiAntiforgery.PostFormAsync(host.CreateStaffClient(), "/api/inventories", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Equal("Positions", errors[0].GetProperty("sheet").GetString());
        Assert.Equal(7, errors[0].GetProperty("row").GetInt32());
        Assert.Equal("Pay plan", errors[0].GetProperty("column").GetString());
        Assert.Equal("XX", errors[0].GetProperty("value").GetString());
        Assert.Equal("inventory.xlsx", errors[1].GetProperty("file").GetString());
        Assert.Equal("Not a date.", errors[1].GetProperty("message").GetString());
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
