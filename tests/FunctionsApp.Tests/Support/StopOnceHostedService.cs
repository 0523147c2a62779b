using Microsoft.Extensions.Hosting;

namespace FunctionsApp.Tests.Support;

/// <summary>Starts the inner service once and stops it once, however many times (and threads) the host asks.</summary>
internal sealed class StopOnceHostedService(IHostedService inner) : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_stopped) return;
            _stopped = true;
            await inner.StopAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
