using SesReview.Domain.Model;
using SesReview.Domain.Settings;

namespace SesReview.Domain.DesignationReview;

/// <summary>
/// Items for the CHCO's attention (never decisions) that a reversion may trigger, from 5 U.S.C. 3395.
/// </summary>
public static class ReassignmentFlags
{
    /// <summary>The incumbency covering <paramref name="day"/> (latest start wins), or null when vacant.</summary>
    public static Incumbency? IncumbentOn(IEnumerable<Incumbency> incumbencies, DateOnly day)
    {
        Incumbency? found = null;
        foreach (var i in incumbencies)
        {
            if (i.Start <= day && (i.End is null || i.End >= day) && (found is null || i.Start >= found.Start))
            {
                found = i;
            }
        }
        return found;
    }

    /// <summary>
    /// 5 U.S.C. 3395(a)(2): a career appointee reassigned gets at least 15 days' written notice, 60 if the new
    /// position is outside the commuting area. The inventory does not say where a reassignment would go, so the
    /// flag states both periods.
    /// </summary>
    public static string NoticeFlag(Incumbency careerIncumbent, ReassignmentOptions options)
    {
        var who = string.IsNullOrWhiteSpace(careerIncumbent.IncumbentName) ? "The current incumbent" : $"The current incumbent ({careerIncumbent.IncumbentName})";
        return $"{who} is a career appointee: a reassignment following reversion needs at least {options.NoticeDays} days' written notice, " +
               $"or {options.NoticeDaysOutsideCommutingArea} days if outside the commuting area (5 U.S.C. 3395(a)(2)).";
    }

    /// <summary>Last day of the 5 U.S.C. 3395(e) moratorium: appointment date + 120 days.</summary>
    public static DateOnly MoratoriumEndsOn(DateOnly newAgencyHeadAppointedOn, ReassignmentOptions options) =>
        newAgencyHeadAppointedOn.AddDays(options.MoratoriumDays);

    /// <summary>
    /// 5 U.S.C. 3395(e)(1): no involuntary reassignment of a career appointee within 120 days after a new agency
    /// head is appointed. Returns a flag when <paramref name="asOf"/> falls on the appointment day through the
    /// moratorium's last day; otherwise null.
    /// </summary>
    public static string? MoratoriumFlag(DateOnly? newAgencyHeadAppointedOn, DateOnly asOf, ReassignmentOptions options)
    {
        if (newAgencyHeadAppointedOn is not { } appointed || asOf < appointed)
        {
            return null;
        }
        var ends = MoratoriumEndsOn(appointed, options);
        if (asOf > ends)
        {
            return null;
        }
        return $"{options.MoratoriumDays}-day moratorium: a new agency head was appointed on {DesignationRules.Iso(appointed)}; " +
               $"no involuntary reassignment of a career appointee through {DesignationRules.Iso(ends)} (moratorium ends {DesignationRules.Iso(ends)}; 5 U.S.C. 3395(e)).";
    }
}
