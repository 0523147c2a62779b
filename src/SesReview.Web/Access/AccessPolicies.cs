using Microsoft.AspNetCore.Authorization;

namespace SesReview.Web.Access;

/// <summary>The authorization policies the routes name: reading takes either role, every write (and the outbox) takes staff.</summary>
public static class AccessPolicies
{
    /// <summary>Dashboard, cycle pages, positions, audit trail and workbook, package: staff or compliance.</summary>
    public const string Read = "SesReview.Read";

    /// <summary>Start, cancel, upload, the new-cycle form and the outbox: staff only.</summary>
    public const string Staff = "SesReview.Staff";

    internal static void Add(AuthorizationOptions options)
    {
        var read = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.Staff, Roles.Compliance).Build();
        options.AddPolicy(Read, read);
        options.AddPolicy(Staff, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.Staff).Build());
        // A route mapped without a policy is not open: it needs a reader (management routes, task pages and sign-in say AllowAnonymous).
        options.FallbackPolicy = read;
    }
}
