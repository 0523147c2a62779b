using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SesReview.Host.Tests.Support;

namespace SesReview.Host.Tests;

/// <summary>Task links and system keys are credentials: no log line may carry them.</summary>
public sealed class RequestLogTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Requests_are_logged_by_route_template_without_task_tokens_or_system_keys()
    {
        var lines = new ConcurrentQueue<string>();
        using var logged = host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(lines))));
        var client = logged.CreateClient();
        const string token = "secret-task-token-SHOULD-NOT-BE-LOGGED";

        await client.GetAsync($"/tasks/{token}");
        await client.GetAsync($"/runtime/webhooks/durabletask/instances/any?code={HostFactory.SystemKey}");

        Assert.Contains(lines, l => l.Contains("/tasks/{token}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(HostFactory.SystemKey, StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
