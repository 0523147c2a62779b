using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SesReview.Host.Tests.Support;
using SesReview.Storage;
using SesReview.Web.Resilience;

namespace SesReview.Host.Tests;

/// <summary>
/// What the web answers while storage is unreachable, with the services failing as the stores fail in an outage and the
/// breaker on a clock the test moves. The real outage (Azurite stopped and started under a running host) is in
/// EndToEnd.Tests' StorageOutageEndToEndTests.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private HostFactory _host = null!;

    public async Task InitializeAsync() => _host = await HostFactory.StartNewAsync(services =>
    {
        services.RemoveAll<StorageCircuitBreaker>();
        services.AddSingleton(provider => new StorageCircuitBreaker(provider.GetRequiredService<StorageOutageOptions>(), _clock));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static StorageUnavailableException Outage() =>
        new("Storage is unreachable: Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused"));

    [Fact]
    public async Task An_api_read_during_an_outage_answers_503_with_retry_after_and_a_plain_message()
    {
        _host.Cycles.Failure = Outage();

        var response = await _host.CreateStaffClient().GetAsync("/api/cycles");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Storage is unreachable; nothing was changed; try again in 5 seconds.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_page_during_an_outage_answers_503_as_html_not_an_empty_dashboard()
    {
        _host.Cycles.Failure = Outage();

        var response = await _host.CreateStaffClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var page = await Browser.Parse(response);
        Assert.Equal("Storage is unreachable", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("try again in 5 seconds", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("No cycles yet", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_connection_failure_the_stores_did_not_translate_is_answered_the_same_way()
    {
        // The durable engine's client throws the Azure SDK's own aggregate of failed tries.
        _host.Cycles.Failure = new AggregateException(new Azure.RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused")));

        var response = await _host.CreateStaffClient().GetAsync("/api/cycles");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_write_cut_off_by_an_outage_is_not_told_that_nothing_changed()
    {
        _host.Cycles.Failure = Outage();

        var response = await _host.CreateStaffClient().PostAsync("/api/cycles", new StringContent(
            """{ "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "outage-start" }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("Storage is unreachable; the request was not completed; try again in 5 seconds.", detail);
    }

    [Fact]
    public async Task During_the_open_period_requests_are_answered_without_reaching_storage_and_recovery_needs_no_restart()
    {
        var client = _host.CreateStaffClient();
        _host.Cycles.Failure = Outage();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/cycles")).StatusCode);
        int callsAfterFailure = _host.Cycles.Calls;

        _clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await client.GetAsync("/");
        var refusedPost = await client.PostAsync("/api/cycles", new StringContent(
            """{ "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "upload-9", "cycleId": "refused-start" }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedPost.StatusCode);
        var detail = JsonDocument.Parse(await refusedPost.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("Storage is unreachable; nothing was changed; try again in 3 seconds.", detail);
        Assert.Equal(callsAfterFailure, _host.Cycles.Calls);

        _host.Cycles.Failure = null; // storage is back
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Other_errors_are_not_reported_as_an_outage()
    {
        _host.Cycles.Failure = new InvalidOperationException("a bug");

        var response = await _host.CreateStaffClient().GetAsync("/api/cycles");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }
}
