namespace SesReview.Domain.Citations;

/// <summary>A rule in words and where it is written.</summary>
/// <param name="Citation">The pinpoint citation, e.g. "OPM memo of 2025-02-05, paragraph 1(a)".</param>
/// <param name="Rule">What the rule says, in plain words, as the product applies it.</param>
public sealed record RuleCitation(string Citation, string Rule);
