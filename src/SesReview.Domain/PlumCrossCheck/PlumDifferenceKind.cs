namespace SesReview.Domain.PlumCrossCheck;

/// <summary>A difference between the agency's inventory and OPM's PLUM data that the CHCO resolves before reporting.</summary>
public enum PlumDifferenceKind
{
    /// <summary>PLUM lists the position (so it is General there) but the inventory records it Career Reserved: a redesignation the report must include.</summary>
    ListedInPlumButCareerReserved,
    /// <summary>A noncareer (NA) incumbent in PLUM is absent from the inventory's incumbency history of the matched position (or no position matched).</summary>
    NoncareerIncumbentMissing,
    /// <summary>An inventory General position with a noncareer incumbent that PLUM does not list.</summary>
    GeneralNoncareerNotInPlum,
    /// <summary>Matched by organization and incumbent; the titles differ.</summary>
    TitleDiffers,
    /// <summary>Matched by title and incumbent; the organizations differ.</summary>
    OrganizationDiffers,
}
