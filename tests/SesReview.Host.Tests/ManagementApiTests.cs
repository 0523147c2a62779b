using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SesReview.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace SesReview.Host.Tests;

public class ManagementApiTests : IClassFixture<HostFactory>
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";
    private readonly HostFactory _host;

    public ManagementApiTests(HostFactory host) => _host = host;

    private DurableTaskClient Durable => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Generous bound for the in-memory engine to act; a hang fails the test instead of blocking the run.</summary>
    private static CancellationToken Bound() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private async Task<string> StartWaitingInstance(string id)
    {
        _host.CreateClient(); // starts the host and its worker
        await Durable.ScheduleNewOrchestrationInstanceAsync(HostFactory.WaitForApproval, new StartOrchestrationOptions(id));
        await Durable.WaitForInstanceStartAsync(id, cancellation: Bound());
        return id;
    }

    private static string Key => "code=" + HostFactory.SystemKey;

    private Task<OrchestrationMetadata> WaitForStatusAsync(string id, OrchestrationRuntimeStatus status) =>
        TestSupport.Poll.UntilAsync(async () => await Durable.GetInstanceAsync(id) is { } m && m.RuntimeStatus == status ? m : null,
            TimeSpan.FromSeconds(30), async () => $"instance {id} is {(await Durable.GetInstanceAsync(id))?.RuntimeStatus}, not {status}");

    [Fact]
    public async Task Management_routes_answer_401_without_the_system_key_or_with_a_wrong_one()
    {
        var id = await StartWaitingInstance("keyless");
        var client = _host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Instances}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Instances}/{id}?code=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"{Instances}/{id}/terminate?code=wrong", null)).StatusCode);
        var wrongHeader = new HttpRequestMessage(HttpMethod.Delete, $"{Instances}/{id}");
        wrongHeader.Headers.Add("x-functions-key", HostFactory.SystemKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongHeader)).StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Durable.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Status_with_the_key_in_query_or_header_shows_the_instance()
    {
        var id = await StartWaitingInstance("status-check");
        var client = _host.CreateClient();

        var byQuery = await client.GetAsync($"{Instances}/{id}?{Key}");
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        var body = JsonDocument.Parse(await byQuery.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HostFactory.WaitForApproval, body.GetProperty("name").GetString());
        Assert.Equal(id, body.GetProperty("instanceId").GetString());
        Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
        Assert.True(body.TryGetProperty("createdTime", out _));
        Assert.True(body.TryGetProperty("lastUpdatedTime", out _));

        var byHeader = new HttpRequestMessage(HttpMethod.Get, $"{Instances}/{id}");
        byHeader.Headers.Add("x-functions-key", HostFactory.SystemKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(byHeader)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Instances}/no-such-instance?{Key}")).StatusCode);
    }

    [Fact]
    public async Task Raising_an_event_completes_the_waiting_orchestration_with_its_payload()
    {
        var id = await StartWaitingInstance("raise-event");
        var response = await _host.CreateClient().PostAsync($"{Instances}/{id}/raiseEvent/{HostFactory.ApprovalEvent}?{Key}",
            new StringContent("\"approved\"", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation: Bound());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminating_stops_the_instance_with_the_reason_and_purging_then_deletes_it()
    {
        var id = await StartWaitingInstance("terminate-purge");
        var client = _host.CreateClient();

        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"{Instances}/{id}?{Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{Instances}/{id}/terminate?reason=wrong+inventory&{Key}", null)).StatusCode);
        var done = await Durable.WaitForInstanceCompletionAsync(id, cancellation: Bound());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);

        var status = JsonDocument.Parse(await client.GetStringAsync($"{Instances}/{id}?{Key}")).RootElement;
        Assert.Equal("Terminated", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("wrong inventory", status.GetProperty("output").GetString());

        var purge = await client.DeleteAsync($"{Instances}/{id}?{Key}");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await purge.Content.ReadAsStringAsync()).RootElement.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Instances}/{id}?{Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Instances}/{id}?{Key}")).StatusCode);
    }

    [Fact]
    public async Task Suspending_and_resuming_show_in_the_runtime_status()
    {
        var id = await StartWaitingInstance("suspend-resume");
        var client = _host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{Instances}/{id}/suspend?reason=hold&{Key}", null)).StatusCode);
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{Instances}/{id}/resume?reason=go&{Key}", null)).StatusCode);
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task Query_filters_by_prefix_and_status_and_pages_with_a_continuation_header()
    {
        await StartWaitingInstance("query-a");
        await StartWaitingInstance("query-b");
        await StartWaitingInstance("query-c");
        var client = _host.CreateClient();

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?instanceIdPrefix=query-&runtimeStatus=Running,Pending&top=2&{Key}");
            if (continuation is not null) request.Headers.Add("x-ms-continuation-token", continuation);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            continuation = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (continuation is not null && pages < 10);

        Assert.Equal(["query-a", "query-b", "query-c"], seen.Order());
        Assert.True(pages >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Instances}?runtimeStatus=Sleeping&{Key}")).StatusCode);
    }

    [Fact]
    public void A_system_key_shorter_than_32_characters_stops_the_host_at_start_up_naming_the_setting()
    {
        using var weak = _host.WithWebHostBuilder(b => b.UseSetting("Runtime:SystemKey", "a"));

        var error = Assert.Throws<InvalidOperationException>(() => weak.CreateClient());
        Assert.Contains("Runtime:SystemKey", error.Message);
        Assert.Contains("at least 32 characters", error.Message);
    }

    [Fact]
    public async Task Without_a_configured_system_key_the_routes_answer_503_naming_the_setting()
    {
        using var unkeyed = _host.WithWebHostBuilder(b => b.UseSetting("Runtime:SystemKey", "set in configuration or Key Vault, never here"));
        var response = await unkeyed.CreateClient().GetAsync($"{Instances}?code=anything");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Runtime:SystemKey", await response.Content.ReadAsStringAsync());
    }
}
