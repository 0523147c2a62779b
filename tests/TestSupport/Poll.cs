namespace TestSupport;

/// <summary>Waiting for something another process or thread does: ask again every few milliseconds until it holds.</summary>
public static class Poll
{
    /// <summary>
    /// Calls <paramref name="probe"/> until it returns a value. After <paramref name="timeout"/> it throws
    /// <see cref="TimeoutException"/> with <paramref name="describe"/>'s account of what was seen instead.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<Task<string>> describe, TimeSpan? interval = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {await describe()}");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
