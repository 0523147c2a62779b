using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SesReview.Host.Tests.Support;

namespace SesReview.Host.Tests;

/// <summary>First use: the new-cycle form opens with dates that start a valid cycle, and the API describes itself.</summary>
public sealed class FirstUsePageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);
    private HostFactory _host = null!;

    public async Task InitializeAsync() =>
        _host = await HostFactory.StartNewAsync(services => services.AddSingleton<TimeProvider>(new ManualClock(Now)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_new_cycle_form_opens_memo_dated_today_and_shows_the_deadlines_a_blank_gives()
    {
        var page = await Browser.Parse(await _host.CreateStaffClient().GetAsync("/cycles/new"));

        Assert.Equal("2026-12-05", page.QuerySelector("input[name='memoDate']")!.GetAttribute("value"));
        var hint = page.QuerySelector("#date-defaults")!.TextContent;
        Assert.Contains("A blank memo date is today, 2026-12-05", hint);
        Assert.Contains("2027-01-19", hint);   // designation: 45 calendar days
        Assert.Contains("2026-12-30", hint);   // allocation: 25 calendar days
        Assert.Contains("2025-03-24", hint);   // the memos' own dates, as examples
        Assert.Contains("2025-12-19", hint);
        Assert.Contains("PLUM carries no allocation counts", page.QuerySelector("#plum-limits")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='signerTitle']"));
    }

    [Fact]
    public async Task A_signed_in_user_gets_the_OpenAPI_document_of_the_api_with_the_start_request_described()
    {
        var response = await _host.CreateComplianceClient().GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        JsonElement Path(string path) => paths.EnumerateObject().Single(p => p.Name.TrimEnd('/') == path).Value;
        var start = Path("/api/cycles").GetProperty("post");
        Assert.Contains("`kind` (required)", start.GetProperty("description").GetString());
        Assert.Contains("\"inventoryUploadId\"", start.GetProperty("description").GetString());
        Assert.True(start.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(Path("/api/inventories").TryGetProperty("post", out _));
        Assert.All(paths.EnumerateObject(), p => Assert.StartsWith("/api/", p.Name));
    }

    [Fact]
    public async Task The_cycle_page_says_what_was_assumed_about_the_inventory()
    {
        _host.Cycles.Cycles["plum-1"] = Samples.Details("plum-1") with
        {
            InventoryNotes = ["Incumbents without a start date are taken as serving since 2020-01-01 (3 incumbencies had no IncumbentBeginDate; set the snapshot date to change it)."],
        };
        var page = await Browser.Parse(await _host.CreateComplianceClient().GetAsync("/cycles/plum-1"));
        Assert.Contains("taken as serving since 2020-01-01", page.QuerySelector(".inventory-notes")!.TextContent);
    }

    [Fact]
    public async Task Describing_the_start_request_keeps_the_starts_own_answer_to_a_wrong_content_type()
    {
        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_needs_sign_in()
    {
        var response = await _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/api/openapi/v1.json");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
