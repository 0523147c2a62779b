namespace SesReview.Domain.Model;

/// <summary>Executive pay plans covered by the reviews. Only <see cref="ES"/> positions carry a designation.</summary>
public enum PayPlan
{
    /// <summary>Senior Executive Service.</summary>
    ES,
    /// <summary>Senior Level.</summary>
    SL,
    /// <summary>Scientific or Professional.</summary>
    ST,
}
