namespace SesReview.Domain.Settings;

/// <summary>All domain settings in one object, for hosts that bind the whole <c>SesReview</c> section at once.</summary>
public sealed class SesReviewOptions
{
    public const string SectionName = "SesReview";

    public CalendarOptions Calendar { get; set; } = new();
    public DesignationReviewOptions DesignationReview { get; set; } = new();
    public AllocationReviewOptions AllocationReview { get; set; } = new();
    public NoncareerLimitOptions NoncareerLimit { get; set; } = new();
    public ReassignmentOptions Reassignment { get; set; } = new();

    /// <summary>Validates every part; throws <see cref="OptionsValidationException"/> naming the first bad key.</summary>
    public void Validate()
    {
        Calendar.Validate();
        DesignationReview.Validate();
        AllocationReview.Validate();
        NoncareerLimit.Validate();
        Reassignment.Validate();
    }
}
