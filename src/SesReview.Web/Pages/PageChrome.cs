using SesReview.Web.Access;

namespace SesReview.Web.Pages;

/// <summary>Which menu a page shows.</summary>
internal enum PageMenu
{
    /// <summary>No menu: not signed in, signed in without a role, or an approver's or signer's task page.</summary>
    None,
    Compliance,
    Staff,
}

/// <summary>What the frame around a page shows: the menu, and who is signed in with which role.</summary>
internal sealed record PageChrome(PageMenu Menu, string? SignedInAs, string RoleText)
{
    public static readonly PageChrome Bare = new(PageMenu.None, null, "");

    /// <summary>The frame for this request: task pages (marked by <see cref="PageResults.MarkSensitive"/>) are bare.</summary>
    public static PageChrome For(HttpContext context)
    {
        var user = context.User;
        if (context.Items.ContainsKey(PageResults.TaskPageMarker) || !SignedInUser.IsSignedIn(user)) return Bare;
        var roles = SignedInUser.RolesOf(user);
        var menu = roles.Contains(Roles.Staff) ? PageMenu.Staff : roles.Contains(Roles.Compliance) ? PageMenu.Compliance : PageMenu.None;
        return new(menu, SignedInUser.DisplayName(user), roles.Count == 0 ? "no role in this app" : string.Join(", ", roles.Select(Roles.Describe)));
    }
}
