namespace SesReview.Storage;

/// <summary>
/// A table or container client whose resource is created (if missing) before its first use. Unlike a cached
/// <c>Lazy&lt;Task&gt;</c>, a failed creation (storage down at the time) is not remembered: the next caller tries again,
/// so a long-lived wrapper recovers once storage is back.
/// </summary>
internal sealed class CreatedOnFirstUse<TClient>(TClient client, Func<TClient, CancellationToken, Task> createIfNotExists)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public async ValueTask<TClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_created) return client;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await createIfNotExists(client, cancellationToken).ConfigureAwait(false);
                _created = true;
            }
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }
}
