namespace SesReview.Domain.Settings;

/// <summary>
/// The agency noncareer limit of 5 U.S.C. 3134(d): noncareer appointees at most 25% of the agency's SES
/// positions, not applied to an agency with fewer than 4 positions. Bound from section <see cref="SectionName"/>.
/// </summary>
public sealed class NoncareerLimitOptions
{
    public const string SectionName = "SesReview:NoncareerLimit";

    /// <summary>Largest share of SES positions noncareer appointees may hold. Default 0.25.</summary>
    public decimal MaximumShare { get; set; } = 0.25m;

    /// <summary>The limit applies from this many SES positions up. Default 4.</summary>
    public int MinimumPositions { get; set; } = 4;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(MaximumShare > 0m && MaximumShare <= 1m, SectionName, nameof(MaximumShare), $"must be a fraction above 0 and at most 1 (was {MaximumShare}).");
        OptionsValidation.Require(MinimumPositions >= 0, SectionName, nameof(MinimumPositions), $"must not be negative (was {MinimumPositions}).");
    }
}
