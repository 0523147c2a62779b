using System.Net;
using System.Text;
using System.Text.Json;
using SesReview.Domain.Model;
using SesReview.Host.Tests.Support;
using TestSupport;

namespace SesReview.Host.Tests;

public class PlumCrossCheckTests : IClassFixture<HostFactory>
{
    private readonly HostFactory _host;

    public PlumCrossCheckTests(HostFactory host) => _host = host;

    private const string PlumHeader =
        "\uFEFFAgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,ExpirationDate,LevelGradePay,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,Tenure,IncumbentBeginDate,IncumbentVacateDate\n";

    private static readonly byte[] Plum = Encoding.UTF8.GetBytes(PlumHeader +
        "DEPARTMENT OF EXAMPLE,OFFICE OF POLICY &amp; PLANNING,ASSISTANT SECRETARY FOR POLICY,Filled,CA,,,\"WASHINGTON, DC\",JANE,DOE,ES,,5/1/2023 12:00:00 AM,\n" +
        "DEPARTMENT OF ELSEWHERE,OFFICE OF THE SECRETARY,CHIEF OF STAFF,Filled,NA,,,\"WASHINGTON, DC\",AL,OTHER,ES,,2/1/2025 12:00:00 AM,\n");

    private string SeedInventory()
    {
        var id = "plum-" + Guid.NewGuid().ToString("N");
        _host.Uploads.Inventories[id] = PositionInventory.Create(
            [new Position("P1", "DEPARTMENT OF EXAMPLE", "Office of Policy & Planning", "Asst. Secretary for Policy", PayPlan.ES, "Washington, DC")],
            [new DesignationChange("P1", Designation.General, new(2019, 1, 1)), new DesignationChange("P1", Designation.CareerReserved, new(2023, 4, 12))],
            [new Incumbency("P1", AppointmentType.CA, new(2023, 5, 1), null, "Doe, Jane")]);
        return id;
    }

    private static MultipartFormDataContent Form(string uploadId) => new()
    {
        { new StringContent(uploadId), "inventoryUploadId" },
        { new ByteArrayContent(Plum), "plumFile", "plum.csv" },
    };

    [Fact]
    public async Task The_api_lists_a_position_plum_shows_as_general_that_the_inventory_records_career_reserved()
    {
        using var form = Form(SeedInventory());
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/plum-cross-check", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("plumPositions").GetInt32()); // the other agency's row is ignored
        var difference = Assert.Single(body.GetProperty("differences").EnumerateArray());
        Assert.Equal("listedInPlumButCareerReserved", difference.GetProperty("kind").GetString());
        Assert.Equal("high", difference.GetProperty("confidence").GetString());
        Assert.Equal("P1", difference.GetProperty("inventoryPositionId").GetString());
        Assert.Contains("Career Reserved since 2023-04-12", difference.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_api_answers_the_cross_check_sheet_as_a_workbook_when_asked()
    {
        using var form = Form(SeedInventory());
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/plum-cross-check?format=xlsx", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task The_api_names_the_field_when_the_inventory_is_unknown_and_compliance_may_not_run_it()
    {
        using var form = Form("no-such-upload");
        var response = await ApiAntiforgery.PostFormAsync(_host.CreateStaffClient(), "/api/plum-cross-check", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("inventoryUploadId", await response.Content.ReadAsStringAsync());

        using var again = Form(SeedInventory());
        var compliance = await ApiAntiforgery.PostFormAsync(_host.CreateComplianceClient(), "/api/plum-cross-check", again);
        Assert.Equal(HttpStatusCode.Forbidden, compliance.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_differences_with_their_confidence()
    {
        var client = _host.CreateStaffClient();
        var (name, token) = await Browser.AntiforgeryField(client, "/plum-check");
        using var form = Form(SeedInventory());
        form.Add(new StringContent(token), name);

        var response = await client.PostAsync("/plum-check", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Parse(response);
        var row = Assert.Single(page.QuerySelectorAll("table.plum-differences tbody tr"));
        Assert.Contains("Listed in PLUM (General) but Career Reserved in the inventory", row.TextContent);
        Assert.Contains("high (organization, title and incumbent agree)", row.TextContent);
    }
}
