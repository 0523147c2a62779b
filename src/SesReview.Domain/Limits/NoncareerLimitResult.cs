namespace SesReview.Domain.Limits;

/// <summary>One agency against the 25% noncareer limit (5 U.S.C. 3134(d)).</summary>
/// <param name="Positions">SES positions (or resulting ES allocation) the limit is computed against.</param>
/// <param name="MaximumAllowed">floor(25% × positions).</param>
/// <param name="Applies">False below 4 positions.</param>
/// <param name="Exceeded">Applies and noncareer count &gt; maximum allowed.</param>
public sealed record NoncareerLimitResult(
    string Agency,
    int Positions,
    int NoncareerCount,
    int MaximumAllowed,
    bool Applies,
    bool Exceeded,
    string Message);
