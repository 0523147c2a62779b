using System.Diagnostics;
using System.Net;
using System.Text;
using TestSupport;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// A real outage under the real host process: Azurite (on disk, so its data survives) is stopped while the host runs,
/// then started again on the same ports. Every request during the outage must answer 503 with Retry-After within a bound,
/// and the same host process must answer 200 again once storage is back, without a restart.
/// </summary>
public sealed class StorageOutageEndToEndTests(ITestOutputHelper output)
{
    /// <summary>The first request of an outage waits for its storage calls to fail (connection refused, one retry).</summary>
    private static readonly TimeSpan FirstAnswerBound = TimeSpan.FromSeconds(3);

    /// <summary>Later requests are answered by the breaker without touching storage.</summary>
    private static readonly TimeSpan LaterAnswerBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task During_an_outage_requests_answer_503_fast_and_the_same_host_recovers_when_storage_is_back()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: true);
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Approvals__SigningKey"] = ReviewSystem.SigningKey,
            ["Runtime__SystemKey"] = ReviewSystem.SystemKey,
            ["extensions__durableTask__hubName"] = "Outage" + Guid.NewGuid().ToString("N")[..8],
            ["StorageOutage__RetryAfter"] = "00:00:03",
            ["Access__Mode"] = "Development",
        });
        int processId = host.ProcessId;
        // The client's own timeout is the outer bound: a hang fails the test instead of stalling it.
        using var http = await HostProcess.SignInAsync(host.BaseAddress, "Casey Staff", "casey.staff@agency.example.gov", "ExecutiveResources", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/cycles")).StatusCode);

        var stopping = Stopwatch.StartNew();
        await azurite.StopAsync();
        output.WriteLine($"Azurite stopped in {stopping.ElapsedMilliseconds} ms");

        var (list, listTook) = await TimedAsync(() => http.GetAsync("/api/cycles"));
        var (dashboard, dashboardTook) = await TimedAsync(() => http.GetAsync("/"));
        var (start, startTook) = await TimedAsync(() => http.PostAsync("/api/cycles", new StringContent(
            """{ "kind": "designation-review", "agency": "DEPARTMENT OF EXAMPLE", "inventoryUploadId": "none" }""", Encoding.UTF8, "application/json")));
        using var management = new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances/any");
        management.Headers.Add("x-functions-key", ReviewSystem.SystemKey);
        var (status, statusTook) = await TimedAsync(() => http.SendAsync(management));

        output.WriteLine($"outage: GET /api/cycles {listTook.TotalMilliseconds:0} ms, GET / {dashboardTook.TotalMilliseconds:0} ms, " +
            $"POST /api/cycles {startTook.TotalMilliseconds:0} ms, GET management {statusTook.TotalMilliseconds:0} ms");
        string hostOutput = host.Output.Length > 4000 ? host.Output[^4000..] : host.Output;
        AssertOutageAnswer(list, listTook, FirstAnswerBound, "application/problem+json", hostOutput);
        AssertOutageAnswer(dashboard, dashboardTook, LaterAnswerBound, "text/html", hostOutput);
        AssertOutageAnswer(start, startTook, LaterAnswerBound, "application/problem+json", hostOutput);
        AssertOutageAnswer(status, statusTook, LaterAnswerBound, "application/problem+json", hostOutput);
        Assert.Contains("Storage is unreachable", await list.Content.ReadAsStringAsync());

        await azurite.StartAgainAsync();
        var recovery = Stopwatch.StartNew();
        await Poll.UntilAsync(async () => (await http.GetAsync("/api/cycles")).StatusCode == HttpStatusCode.OK ? new object() : null,
            TimeSpan.FromSeconds(20), () => Task.FromResult($"the host did not answer 200 again.\n{host.Output[^Math.Min(4000, host.Output.Length)..]}"),
            TimeSpan.FromMilliseconds(200));
        recovery.Stop();
        output.WriteLine($"recovery: 200 again {recovery.Elapsed.TotalMilliseconds:0} ms after Azurite accepted connections again");

        // Retry-After is 3 s here: the first probe after that finds storage back.
        Assert.True(recovery.Elapsed < TimeSpan.FromSeconds(10), $"recovered after {recovery.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(processId, host.ProcessId);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(Func<Task<HttpResponseMessage>> request)
    {
        var clock = Stopwatch.StartNew();
        var response = await request();
        return (response, clock.Elapsed);
    }

    private static void AssertOutageAnswer(HttpResponseMessage response, TimeSpan took, TimeSpan bound, string mediaType, string hostOutput)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)response.StatusCode}.\n{hostOutput}");
        Assert.True(took < bound, $"{what} took {took.TotalMilliseconds:0} ms; the bound is {bound.TotalMilliseconds:0} ms.");
        Assert.True(response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero, $"{what} has no Retry-After in seconds.");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
