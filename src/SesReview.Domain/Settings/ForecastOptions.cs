namespace SesReview.Domain.Settings;

/// <summary>
/// Defaults of the deadline-risk forecast (<see cref="Forecasting.DeadlineForecaster"/>) for approvers with no pace of their
/// own yet. Bound from section <see cref="SectionName"/>.
/// </summary>
public sealed class ForecastOptions
{
    public const string SectionName = "SesReview:Forecast";

    /// <summary>Positions an approver decides per business day when no approver of the cycle has decided any yet. Default 5.</summary>
    public double DefaultPositionsPerBusinessDay { get; set; } = 5;

    /// <summary>Business days from a notice to an approver's first answer when no approver of the cycle has answered yet. Default 2.</summary>
    public int DefaultFirstAnswerBusinessDays { get; set; } = 2;

    /// <summary>
    /// An approver is stalled when this many business days pass beyond the expected first answer without one, or after their
    /// last decision without another while positions remain. A stalled task has no forecast and counts as missing the cut-off. Default 3.
    /// </summary>
    public int StalledAfterBusinessDays { get; set; } = 3;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        OptionsValidation.Require(DefaultPositionsPerBusinessDay > 0, SectionName, nameof(DefaultPositionsPerBusinessDay), $"must be above 0 (was {DefaultPositionsPerBusinessDay}).");
        OptionsValidation.Require(DefaultFirstAnswerBusinessDays >= 0, SectionName, nameof(DefaultFirstAnswerBusinessDays), $"must not be negative (was {DefaultFirstAnswerBusinessDays}).");
        OptionsValidation.Require(StalledAfterBusinessDays >= 1, SectionName, nameof(StalledAfterBusinessDays), $"must be at least 1 (was {StalledAfterBusinessDays}).");
    }
}
