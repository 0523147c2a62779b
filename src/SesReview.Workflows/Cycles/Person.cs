namespace SesReview.Workflows.Cycles;

/// <summary>
/// Someone the workflow writes to. <paramref name="TeamsUserId"/> (Entra object id or UPN) adds a Teams notification;
/// <paramref name="Title"/> (e.g. "Secretary") is printed under a signer's name on the allocation workbook.
/// </summary>
public sealed record Person(string Name, string Email, string? TeamsUserId = null, string? Title = null)
{
    public bool IsSameAs(string? email) => string.Equals(Email, email?.Trim(), StringComparison.OrdinalIgnoreCase);
}
