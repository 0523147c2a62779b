namespace SesReview.Web.Access;

/// <summary>The sign-in mode the host started with (registered by <see cref="SesReviewAccess.AddSesReviewAccess"/>).</summary>
public sealed class AccessOptions
{
    public required AccessMode Mode { get; init; }
}
