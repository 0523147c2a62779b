using Azure.Core;
using Microsoft.Extensions.Logging;

namespace SesReview.Notifications.Tests.Support;

/// <summary>Hands out the fake server's token without contacting any identity endpoint.</summary>
public sealed class StaticTokenCredential : TokenCredential
{
    public int Calls;
    public List<string[]> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        lock (Scopes) Scopes.Add(requestContext.Scopes);
        return new AccessToken(FakeGraphServer.Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

/// <summary>A clock the test sets.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Collects log lines (to check that failures are logged).</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
    }
}

public static class Messages
{
    public static NotificationMessage Task(string cycle = "cycle-1", string key = "task/a.approver@agency.gov/initial") => new()
    {
        CycleId = cycle,
        MessageKey = key,
        Kind = NotificationKind.TaskAssigned,
        To = ["a.approver@agency.gov"],
        Subject = "Action required",
        HtmlBody = "<p>Decide 3 positions</p>",
        TextBody = "Decide 3 positions",
    };

    public static NotificationMessage Submission(string cycle = "cycle-1", byte[]? workbook = null) => new()
    {
        CycleId = cycle,
        MessageKey = "submission/opm",
        Kind = NotificationKind.Submission,
        To = ["allocation-management@opm.gov"],
        Cc = ["chco@agency.gov"],
        Subject = "Agency - response",
        HtmlBody = "<p>Attached</p>",
        Attachments = [new NotificationAttachment("report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook ?? [1, 2, 3, 4, 5])],
    };
}
