using System.Security.Claims;

namespace SesReview.Web.Access;

/// <summary>Who the authenticated principal is, as the audit trail and the pages name them.</summary>
public static class SignedInUser
{
    /// <summary>Claims that carry a sign-in address, most specific first (Entra ID tokens, App Service, the development sign-in).</summary>
    private static readonly string[] AddressClaims = [ClaimTypes.Email, "email", "preferred_username", ClaimTypes.Upn, "upn"];

    public static bool IsSignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    /// <summary>
    /// The audit actor: the signed-in address (email, preferred_username, UPN), else the identity's name, else its object id.
    /// Only routes that require sign-in record an actor, so an anonymous caller here is a mapping mistake and throws.
    /// </summary>
    public static string Actor(ClaimsPrincipal user)
    {
        if (!IsSignedIn(user)) throw new InvalidOperationException("An action that records an actor was reached without sign-in; its route must require a role.");
        foreach (var type in AddressClaims)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } address) return address.Trim();
        }
        return user.Identity!.Name is { Length: > 0 } name ? name.Trim()
            : user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("oid")?.Value
              ?? throw new InvalidOperationException("The signed-in principal carries no name, address or id to record as the actor.");
    }

    /// <summary>The name to show on pages: the display name, else the actor.</summary>
    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value is { Length: > 0 } name ? name : user.Identity?.Name is { Length: > 0 } n ? n : Actor(user);

    /// <summary>The product roles the principal holds (<see cref="Roles.All"/> it is in).</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) => [.. Roles.All.Where(user.IsInRole)];

    public static bool IsStaff(ClaimsPrincipal user) => IsSignedIn(user) && user.IsInRole(Roles.Staff);
}
