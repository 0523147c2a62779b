using System.Net;
using Azure.Data.Tables;
using SesReview.Domain.Samples;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// Two host processes on one storage account and task hub, as an agency that outgrows one machine runs them: both take
/// partitions of the hub (so both run orchestrations), either serves the pages, and the cycle completes once.
/// </summary>
public sealed class TwoHostsEndToEndTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Two_hosts_share_the_hub_and_a_cycle_decided_through_the_second_completes_once()
    {
        await using var system = await ReviewSystem.StartAsync();
        await using var second = await system.StartAnotherHostAsync();
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // Both processes hold partition leases: DTFx balances the hub's four control queues between live workers.
        var owners = await Poll.UntilAsync(async () =>
            {
                var found = await PartitionOwnersAsync(system);
                return found.Any(o => o.EndsWith($"-{system.Host.ProcessId}", StringComparison.Ordinal))
                       && found.Any(o => o.EndsWith($"-{second.ProcessId}", StringComparison.Ordinal)) ? found : null;
            },
            TimeSpan.FromSeconds(90),
            async () => $"partition owners {string.Join(", ", await PartitionOwnersAsync(system))}; hosts {system.Host.ProcessId} and {second.ProcessId}");
        output.WriteLine($"Partition owners: {string.Join(", ", owners)}");

        var upload = await system.UploadAsync(InventoryGenerator.Generate(120, seed: 33));
        string agency = upload.GetProperty("agencies")[0].GetString()!;
        var components = upload.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToList();
        const string cycleId = "e2e-two-hosts";
        var started = await system.StartCycleAsync(new
        {
            cycleId, kind = "designation-review", agency, memoDate = Today, deadline = Today.AddDays(45),
            inventoryUploadId = upload.GetProperty("uploadId").GetString(),
            chco = new { name = "Casey Chco", email = "chco@agency.example.gov" },
            approvers = components.Select(c => new { component = c, approver = new { name = "Avery Approver", email = "avery@agency.example.gov" } }),
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        // The approver's link names the first host; the second serves the same page and records the same decisions.
        var task = await system.WaitForMessageAsync(cycleId, "task/decision-01/r1/initial");
        var page = await secondHttp.GetAsync(ReviewSystem.LinkOf(task));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var positions = System.Text.RegularExpressions.Regex.Matches(html, "name=\"(decision\\[[^\\]]+\\])\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(positions);
        var posted = await secondHttp.PostAsync(ReviewSystem.LinkOf(task),
            new FormUrlEncodedContent(positions.Select(p => new KeyValuePair<string, string>(p, "revert"))));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var signOff = await system.WaitForMessageAsync(cycleId, "task/signoff-r1/r1/initial");
        var signed = await secondHttp.PostAsync(ReviewSystem.LinkOf(signOff), new FormUrlEncodedContent([new("action", "approve"), new("confirm", "yes")]));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        var done = await system.WaitForCycleAsync(cycleId, c => c.GetProperty("summary").GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated");
        Assert.Equal("Completed", done.GetProperty("summary").GetProperty("runtimeStatus").GetString());
        var messages = await system.Outbox.ListAsync(cycleId, 1000);
        Assert.Equal(messages.Count, messages.Select(m => m.MessageKey).Distinct().Count());
        Assert.Single(messages, m => m.To.Contains("allocation-management@opm.gov"));
    }

    /// <summary>The current owner of each of the hub's partitions (DTFx's table partition manager, worker ids "machine-pid").</summary>
    private static async Task<List<string>> PartitionOwnersAsync(ReviewSystem system)
    {
        var table = new TableClient(system.Azurite.ConnectionString, system.HubName + "Partitions");
        var owners = new List<string>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>()) owners.Add(row.GetString("CurrentOwner") ?? "");
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The first host has not created the table yet.
        }
        return owners;
    }
}
