namespace SesReview.Workflows.Approvals;

/// <summary>Settings of task links (section <c>Approvals</c>). The signing key comes from configuration or Key Vault, never the repository.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>HMAC-SHA256 key for task links; at least 32 characters. Changing it invalidates every link sent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a task link works after it is sent (1–120 days). A reminder sends a fresh link.</summary>
    public int TokenLifetimeDays { get; set; } = 30;

    public void Validate()
    {
        if (Hosting.SettingValues.IsMissing(SigningKey) || SigningKey!.Length < 32)
            throw new InvalidOperationException($"Setting '{SectionName}:SigningKey' must be a secret of at least 32 characters (from configuration or Key Vault).");
        if (TokenLifetimeDays is < 1 or > 120)
            throw new InvalidOperationException($"Setting '{SectionName}:TokenLifetimeDays' must be between 1 and 120.");
    }
}
