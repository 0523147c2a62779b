using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// The USWDS step indicator of a cycle's stages on its page: designation reviews go assess → decide → sign off → submitted,
/// allocation reviews assess → propose → sign off → submitted. The current stage carries <c>aria-current</c>; earlier ones
/// are marked complete.
/// </summary>
internal static class CycleSteps
{
    public static IReadOnlyList<string> Steps(CycleKind kind) =>
        kind == CycleKind.AllocationReview ? ["Assess", "Propose", "Sign off", "Submitted"] : ["Assess", "Decide", "Sign off", "Submitted"];

    /// <summary>The index of the step a phase belongs to.</summary>
    public static int Current(CyclePhase? phase) => phase switch
    {
        null or CyclePhase.Loading or CyclePhase.Assessing or CyclePhase.Planning => 0,
        CyclePhase.AwaitingDecisions or CyclePhase.AwaitingProposals or CyclePhase.Consolidating => 1,
        CyclePhase.BuildingPackage or CyclePhase.AwaitingSignOff or CyclePhase.Submitting => 2,
        _ => 3,
    };

    public static HtmlText Render(CycleKind kind, CyclePhase? phase, string stage)
    {
        var steps = Steps(kind);
        var current = Current(phase);
        HtmlText Step(string label, int i) => i < current || (i == current && i == steps.Count - 1)
            ? i == current
                ? Html.Of($"""<li class="usa-step-indicator__segment usa-step-indicator__segment--complete" aria-current="step"><span class="usa-step-indicator__segment-label">{label}</span></li>""")
                : Html.Of($"""<li class="usa-step-indicator__segment usa-step-indicator__segment--complete"><span class="usa-step-indicator__segment-label">{label} <span class="usa-sr-only">completed</span></span></li>""")
            : i == current
                ? Html.Of($"""<li class="usa-step-indicator__segment usa-step-indicator__segment--current" aria-current="step"><span class="usa-step-indicator__segment-label">{label}</span></li>""")
                : Html.Of($"""<li class="usa-step-indicator__segment"><span class="usa-step-indicator__segment-label">{label} <span class="usa-sr-only">not completed</span></span></li>""");
        return Html.Of($"""
            <section class="usa-step-indicator" aria-label="Stages of this cycle">
            <ol class="usa-step-indicator__segments">{Html.Join(steps.Select(Step))}</ol>
            <div class="usa-step-indicator__header"><h2 class="usa-step-indicator__heading"><span class="usa-step-indicator__heading-counter"><span class="usa-sr-only">Step</span>
            <span class="usa-step-indicator__current-step">{current + 1}</span> <span class="usa-step-indicator__total-steps">of {steps.Count}</span></span>
            <span class="usa-step-indicator__heading-text">{stage}</span></h2></div>
            </section>
            """);
    }
}
