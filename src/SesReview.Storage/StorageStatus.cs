namespace SesReview.Storage;

/// <summary>The HTTP statuses (<see cref="Azure.RequestFailedException.Status"/>) that stores turn into results rather than errors.</summary>
public static class StorageStatus
{
    public const int NotFound = 404;
    /// <summary>An insert found the keys taken (or a create found the resource existing).</summary>
    public const int Conflict = 409;
    /// <summary>A conditional write found a different ETag.</summary>
    public const int PreconditionFailed = 412;
}
