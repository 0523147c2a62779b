namespace SesReview.Storage;

/// <summary>Named byte content (inventory uploads, review packages). Names may contain '/'.</summary>
public interface IBlobStore
{
    Task PutAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The content, or null when there is no blob of that name.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default);
}
