using SesReview.Workbooks.Import;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// What the new-cycle form says before the start: the dates a blank gives (computed now by <see cref="CycleDefaults"/>),
/// the memos' own dates as examples, and what a PLUM export cannot give either review.
/// </summary>
internal static class NewCycleHints
{
    public static HtmlText Dates(CycleDefaults defaults)
    {
        var memo = defaults.MemoDate();
        var designation = defaults.Historical(CycleKind.DesignationReview);
        var allocation = defaults.Historical(CycleKind.AllocationReview);
        return Html.Of($"""
            <div class="hint" id="date-defaults"><p>A blank memo date is today, {Html.Date(memo)}. A blank deadline is the memo date plus
            {defaults.DeadlineCalendarDays(CycleKind.DesignationReview)} calendar days for a designation review
            (from {Html.Date(memo)}: <strong>{Html.Date(defaults.Deadline(CycleKind.DesignationReview, memo))}</strong>) or
            {defaults.DeadlineCalendarDays(CycleKind.AllocationReview)} calendar days for an allocation review
            (<strong>{Html.Date(defaults.Deadline(CycleKind.AllocationReview, memo))}</strong>), moved to the next business day when
            the office is closed; the cycle is due at close of business that day. Give OPM's own deadline when it set one.</p>
            <p>The memos' own dates, for example: the designation review memo of {Html.Date(designation.MemoDate)} was due {Html.Date(designation.Deadline)};
            the allocation review memo of {Html.Date(allocation.MemoDate)} was due {Html.Date(allocation.Deadline)}. A deadline that has passed is refused.</p></div>
            """);
    }

    public static HtmlText Plum() => Html.Of($"""
        <div class="hint" id="plum-limits"><p>About a PLUM export: {PlumImportNotes.DesignationLimit}</p>
        <p>{PlumImportNotes.AllocationLimit}</p>
        <p>Incumbents without a start date in PLUM are taken as serving since the snapshot date (blank: the known-General date).</p></div>
        """);
}
