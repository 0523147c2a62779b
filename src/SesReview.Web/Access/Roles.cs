namespace SesReview.Web.Access;

/// <summary>
/// The roles a signed-in person may hold, by the values the identity provider puts in the role claim (Entra ID app roles,
/// App Service's <c>role_typ</c> claims, the development sign-in's choice). Approvers and signers hold none: they never sign
/// in, their signed task link is their credential.
/// </summary>
public static class Roles
{
    /// <summary>Executive resources staff: start and cancel cycles, upload inventories, read everything including the outbox.</summary>
    public const string Staff = "ExecutiveResources";

    /// <summary>Compliance: read-only; every cycle, position, audit trail, package and submission, but not the outbox (it lists task links, which are credentials).</summary>
    public const string Compliance = "Compliance";

    public static readonly IReadOnlyList<string> All = [Staff, Compliance];

    /// <summary>The role as people say it, for pages and problem details.</summary>
    public static string Describe(string role) => role switch
    {
        Staff => "executive resources staff",
        Compliance => "compliance (read-only)",
        _ => role,
    };
}
