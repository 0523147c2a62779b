using System.Net;
using System.Text;
using SesReview.Domain.Model;
using SesReview.Host.Tests.Support;
using TestSupport;

namespace SesReview.Host.Tests;

/// <summary>
/// A cycle started with OPM's PLUM export beside the request keeps it; the cycle page links the working copy, which is the
/// OPM report plus the "PLUM cross-check" sheet naming the difference. The PLUM file goes through the product's own
/// storage and importer; the cycle service is the test fake, so the report itself is empty of positions.
/// </summary>
public sealed class PlumWorkingCopyTests : IAsyncLifetime
{
    private HostFactory _host = null!;

    public async Task InitializeAsync()
    {
        _host = await HostFactory.StartNewAsync();
        // The fake cycle service starts every cycle from upload "upload-1" (Samples.Input).
        _host.Uploads.Inventories["upload-1"] = PositionInventory.Create(
            [new Position("P1", "DEPARTMENT OF EXAMPLE", "Office of Policy & Planning", "Asst. Secretary for Policy", PayPlan.ES, "Washington, DC")],
            [new DesignationChange("P1", Designation.General, new(2019, 1, 1)), new DesignationChange("P1", Designation.CareerReserved, new(2023, 4, 12))],
            [new Incumbency("P1", AppointmentType.CA, new(2023, 5, 1), null, "Doe, Jane")]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly byte[] Plum = Encoding.UTF8.GetBytes(
        "\uFEFFAgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,ExpirationDate,LevelGradePay,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,Tenure,IncumbentBeginDate,IncumbentVacateDate\n" +
        "DEPARTMENT OF EXAMPLE,OFFICE OF POLICY &amp; PLANNING,ASSISTANT SECRETARY FOR POLICY,Filled,CA,,,\"WASHINGTON, DC\",JANE,DOE,ES,,5/1/2023 12:00:00 AM,\n");

    private async Task<HttpResponseMessage> StartAsync(string cycleId, byte[]? plum, bool include = false)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent($$"""{ "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-1", "cycleId": "{{cycleId}}", "includePlumCrossCheck": {{(include ? "true" : "false")}} }"""), "request" },
        };
        if (plum is not null) form.Add(new ByteArrayContent(plum), "plumFile", "plum.csv");
        return await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/cycles", form);
    }

    [Fact]
    public async Task A_cycle_started_with_a_PLUM_file_offers_the_working_copy_with_the_PLUM_sheet_naming_the_difference()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("with-plum", Plum)).StatusCode);
        var started = _host.Cycles.Started.Single(s => s.Request.CycleId == "with-plum").Request;
        Assert.False(string.IsNullOrEmpty(started.PlumUploadId));
        Assert.False(started.IncludePlumCrossCheck);

        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/cycles/with-plum"));
        var link = Assert.Single(page.QuerySelectorAll("a[href$='/working-copy.xlsx']"));
        Assert.Equal("/api/cycles/with-plum/working-copy.xlsx", link.GetAttribute("href"));

        foreach (var client in new[] { _host.CreateStaffClient(), _host.CreateComplianceClient() })
        {
            var response = await client.GetAsync(link.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sheets = WorkbookCells.Read(await response.Content.ReadAsByteArrayAsync());
            Assert.True(sheets.ContainsKey("Positions"), "the working copy is the OPM report");
            Assert.Contains(sheets["PLUM cross-check"], row => row.Contains("P1") && row.Any(c => c.Contains("Career Reserved since 2023-04-12")));
        }
    }

    [Fact]
    public async Task A_cycle_without_a_PLUM_file_has_no_working_copy_link_and_a_bad_PLUM_file_stops_the_start()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("without-plum", null)).StatusCode);
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/cycles/without-plum"));
        Assert.Empty(page.QuerySelectorAll("a[href$='/working-copy.xlsx']"));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateStaffClient().GetAsync("/api/cycles/without-plum/working-copy.xlsx")).StatusCode);

        var bad = await StartAsync("bad-plum", Encoding.UTF8.GetBytes("not,a,plum,file\n1,2,3,4\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("plumFile", await bad.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_host.Cycles.Started, s => s.Request.CycleId == "bad-plum");
    }

    [Fact]
    public async Task The_PLUM_check_keeps_the_file_and_answers_its_id_for_the_start_request()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("upload-1"), "inventoryUploadId" },
            { new ByteArrayContent(Plum), "plumFile", "plum.csv" },
        };
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/plum-cross-check", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plumUploadId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("plumUploadId").GetString();

        using var start = new StringContent($$"""{ "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-1", "cycleId": "by-id", "plumUploadId": "{{plumUploadId}}", "includePlumCrossCheck": true }""",
            Encoding.UTF8, "application/json");
        var client = _host.CreateStaffClient();
        Assert.Equal(HttpStatusCode.Accepted, (await ApiAntiforgery.PostFormAsync(client, "/api/cycles", start)).StatusCode);
        Assert.True(_host.Cycles.Started.Single(s => s.Request.CycleId == "by-id").Request.IncludePlumCrossCheck);

        var working = await client.GetAsync("/api/cycles/by-id/working-copy.xlsx");
        Assert.Equal(HttpStatusCode.OK, working.StatusCode);
        Assert.Contains(WorkbookCells.Read(await working.Content.ReadAsByteArrayAsync())["PLUM cross-check"], row => row.Contains("P1"));
    }

    [Fact]
    public async Task The_new_cycle_form_takes_the_PLUM_file_and_the_choice_to_include_the_sheet_for_OPM()
    {
        var client = _host.CreateStaffClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var prefilled = await Browser.Parse(await client.GetAsync("/cycles/new?inventoryUploadId=upload-1&plumUploadId=plum-from-check"));
        Assert.Equal("plum-from-check", prefilled.QuerySelector("input[type='hidden'][name='plumUploadId']")!.GetAttribute("value"));
        Assert.Null(prefilled.QuerySelector("input[name='includePlumCrossCheck']")!.GetAttribute("checked"));

        var (name, token) = await Browser.AntiforgeryField(client, "/cycles/new");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), name },
            { new StringContent("designation-review"), "kind" },
            { new StringContent("DEPARTMENT OF EXAMPLE"), "agency" },
            { new StringContent("upload-1"), "inventoryUploadId" },
            { new StringContent("Casey Chco"), "chcoName" },
            { new StringContent("chco@agency.example.gov"), "chcoEmail" },
            { new ByteArrayContent(Plum), "plumFile", "plum.csv" },
            { new StringContent("on"), "includePlumCrossCheck" },
        };
        var response = await client.PostAsync("/cycles/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var started = _host.Cycles.Started.Last().Request;
        Assert.True(started.IncludePlumCrossCheck);
        Assert.False(string.IsNullOrEmpty(started.PlumUploadId));
        Assert.NotEqual("plum-from-check", started.PlumUploadId);
    }
}
