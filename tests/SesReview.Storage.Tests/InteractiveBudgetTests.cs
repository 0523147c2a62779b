using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Xunit.Abstractions;

namespace SesReview.Storage.Tests;

/// <summary>
/// A storage endpoint that accepts connections and never answers (a hung account, a black-holed network) holds a call for
/// the full policy (4 tries of 5 s). Inside an interactive budget the same call fails within the budget instead, as
/// <see cref="StorageUnavailableException"/>; outside it the policy is unchanged.
/// </summary>
public sealed class InteractiveBudgetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TcpListener _silent = StartSilentListener();

    public void Dispose() => _silent.Stop();

    /// <summary>Accepts connections into the backlog and never reads or answers.</summary>
    private static TcpListener StartSilentListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 64);
        return listener;
    }

    private string SilentConnectionString
    {
        get
        {
            int port = ((IPEndPoint)_silent.LocalEndpoint).Port;
            return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + TestSupport.AzuriteProcess.AccountKey + ";" +
                   $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        }
    }

    [Fact]
    public async Task Inside_a_budget_a_call_to_storage_that_never_answers_fails_within_the_budget()
    {
        var table = new AzureRecordStorage(SilentConnectionString).Table("Silent");
        var budget = new InteractiveStorageBudget(TimeSpan.FromMilliseconds(300), MaxRetries: 1);

        var clock = Stopwatch.StartNew();
        Task call;
        using (InteractiveStorageBudget.Begin(budget)) call = table.GetAsync("p", "r");
        // Bounded either way: without the budget the call would take ~22 s; the test gives up after 10.
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));
        clock.Stop();
        output.WriteLine($"failed after {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Same(call, finished);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => call);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Outside_a_budget_the_full_policy_still_applies()
    {
        var table = new AzureRecordStorage(SilentConnectionString).Table("Silent");

        var call = table.GetAsync("p", "r");
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(2)));

        // Still waiting on its first 5 s try: the worker's calls are not cut short by the web's budget.
        Assert.NotSame(call, finished);
    }

    [Fact]
    public void A_budget_ends_with_its_scope()
    {
        var budget = new InteractiveStorageBudget(TimeSpan.FromSeconds(1), 0);
        using (InteractiveStorageBudget.Begin(budget)) Assert.Same(budget, InteractiveStorageBudget.Current);
        Assert.Null(InteractiveStorageBudget.Current);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("aggregate of refused tries")]
    [InlineData("network timeout")]
    [InlineData("socket")]
    public void Failures_to_reach_storage_are_recognised(string kind)
    {
        Exception e = kind switch
        {
            "refused" => new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused", new SocketException(111))),
            "aggregate of refused tries" => new AggregateException("Retry failed after 4 tries.",
                new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused"))),
            "network timeout" => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout", new TimeoutException()),
            _ => new SocketException(104),
        };
        Assert.True(StorageUnavailableException.Describes(e));
    }

    [Fact]
    public void Answers_from_storage_and_cancellations_the_caller_asked_for_are_not_outages()
    {
        Assert.False(StorageUnavailableException.Describes(new RequestFailedException(404, "Not found")));
        Assert.False(StorageUnavailableException.Describes(new RequestFailedException(503, "Server busy")));
        Assert.False(StorageUnavailableException.Describes(new InvalidOperationException("a bug")));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(StorageUnavailableException.Describes(new TaskCanceledException("cancelled", new TimeoutException()), cancelled.Token));
    }
}
