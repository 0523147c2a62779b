using System.Globalization;

namespace SesReview.Domain.AllocationReview;

/// <summary>
/// How a rate reads in messages: one decimal at most ("8.3%", "40%"), so that a rate just above a threshold never
/// reads as equal to it ("vacancy is 8%, above 8%" for 8.3%).
/// </summary>
public static class PercentText
{
    public static string OneDecimal(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
