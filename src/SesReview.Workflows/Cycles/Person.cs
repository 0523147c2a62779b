namespace SesReview.Workflows.Cycles;

/// <summary>Someone the workflow writes to. <paramref name="TeamsUserId"/> (Entra object id or UPN) adds a Teams notification.</summary>
public sealed record Person(string Name, string Email, string? TeamsUserId = null)
{
    public bool IsSameAs(string? email) => string.Equals(Email, email?.Trim(), StringComparison.OrdinalIgnoreCase);
}
