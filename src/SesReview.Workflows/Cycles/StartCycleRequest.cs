namespace SesReview.Workflows.Cycles;

/// <summary>
/// What a CHCO sends to start a cycle (<c>POST /api/cycles</c>). Everything is nullable so that validation can name every
/// missing field at once (<see cref="CycleRequestException"/>).
/// </summary>
public sealed record StartCycleRequest
{
    /// <summary><c>designation-review</c> or <c>allocation-review</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Agency exactly as the inventory names it.</summary>
    public string? Agency { get; init; }

    /// <summary>Date of the memo (or of the agency's own call) the cycle answers; blank: today in the agency's time zone. The memos' dates (2025-02-05, 2025-11-24) are examples.</summary>
    public DateOnly? MemoDate { get; init; }

    /// <summary>OPM's due date (due at close of business, rolled forward to a business day). Blank: the memo date + 45 calendar days (designation) or + 25 (allocation), rolled forward (<see cref="CycleDefaults"/>).</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>Id returned by the inventory upload (<c>POST /api/inventories</c>).</summary>
    public string? InventoryUploadId { get; init; }

    public Person? Chco { get; init; }

    /// <summary>Who signs the package off: the CHCO for the designation review (default), the agency head for the allocation review.</summary>
    public Person? Signer { get; init; }

    /// <summary>Approver (component head) per component. Components without one go to the CHCO.</summary>
    public IReadOnlyList<ApproverAssignment>? Approvers { get; init; }

    /// <summary>Assessment date; default: the day the cycle starts (agency time zone).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>For the 120-day moratorium flag (5 U.S.C. 3395(e)).</summary>
    public DateOnly? NewAgencyHeadAppointedOn { get; init; }

    /// <summary>Optional caller-chosen cycle id (letters, digits, '-', '_'); a live cycle with the same id is refused.</summary>
    public string? CycleId { get; init; }

    /// <summary>
    /// Id of the OPM PLUM export the inventory was cross-checked against (<c>POST /api/plum-cross-check</c> returns it, or
    /// send the file as 'plumFile' beside the request). The cycle keeps it and offers a working copy of the OPM report with
    /// a "PLUM cross-check" sheet. Designation reviews only.
    /// </summary>
    public string? PlumUploadId { get; init; }

    /// <summary>Whether the package sent to OPM carries the "PLUM cross-check" sheet too; default false (only the working copy has it).</summary>
    public bool? IncludePlumCrossCheck { get; init; }
}
