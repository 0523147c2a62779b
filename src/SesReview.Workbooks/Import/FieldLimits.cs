using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Import;

/// <summary>
/// The one place that says how long each imported text field may be and which dates are believable. A value past a
/// limit is an import error naming file, sheet, row and column, so nothing absurd reaches a cycle.
/// </summary>
public static class FieldLimits
{
    /// <summary>Position ids (template PositionId): 64 characters.</summary>
    public const int MaxIdChars = 64;

    /// <summary>Agency names (template Agency, PLUM AgencyName): 200 characters.</summary>
    public const int MaxAgencyChars = 200;

    /// <summary>Components and organizations (template Component, PLUM OrganizationName): 300 characters.</summary>
    public const int MaxOrganizationChars = 300;

    /// <summary>Position titles (template Title, PLUM PositionTitle): 300 characters.</summary>
    public const int MaxTitleChars = 300;

    /// <summary>Duty locations (template and PLUM Location): 200 characters.</summary>
    public const int MaxLocationChars = 200;

    /// <summary>A person's full name (template IncumbentName), as long as an email address may be: 254 characters.</summary>
    public const int MaxNameChars = 254;

    /// <summary>Each part of a PLUM name (IncumbentFirstName, IncumbentLastName), so the joined name fits <see cref="MaxNameChars"/>.</summary>
    public const int MaxNamePartChars = 126;

    /// <summary>Earliest date accepted anywhere in an inventory (no serving SES position began before it).</summary>
    public static readonly DateOnly EarliestDate = new(1950, 1, 1);

    /// <summary>Latest date accepted anywhere in an inventory.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static readonly Dictionary<string, int> ByHeader = new(StringComparer.OrdinalIgnoreCase)
    {
        [InventoryLayout.PositionsColumns.PositionId.Header] = MaxIdChars,
        [InventoryLayout.PositionsColumns.Agency.Header] = MaxAgencyChars,
        [InventoryLayout.PositionsColumns.Component.Header] = MaxOrganizationChars,
        [InventoryLayout.PositionsColumns.Title.Header] = MaxTitleChars,
        [InventoryLayout.PositionsColumns.Location.Header] = MaxLocationChars,
        [InventoryLayout.IncumbencyColumns.IncumbentName.Header] = MaxNameChars,
        [PlumLayout.AgencyName] = MaxAgencyChars,
        [PlumLayout.OrganizationName] = MaxOrganizationChars,
        [PlumLayout.PositionTitle] = MaxTitleChars,
        [PlumLayout.IncumbentFirstName] = MaxNamePartChars,
        [PlumLayout.IncumbentLastName] = MaxNamePartChars,
    };

    /// <summary>The longest text the column may hold; columns not listed (codes, dates, numbers) fail their own parse when long.</summary>
    public static int MaxChars(string header) => ByHeader.TryGetValue(header, out var max) ? max : ImportOptions.Default.MaxCellChars;

    /// <summary>The error message for text longer than its column allows, or null when it fits.</summary>
    public static string? CheckLength(string header, string text)
    {
        var max = MaxChars(header);
        return text.Length <= max ? null : $"{header} is {text.Length:N0} characters long; at most {max:N0} are allowed.";
    }

    /// <summary>The error message for a date outside <see cref="EarliestDate"/> … <see cref="LatestDate"/>, or null when it is inside.</summary>
    public static string? CheckDate(string field, DateOnly date) =>
        date >= EarliestDate && date <= LatestDate ? null
            : $"{field} {date:yyyy-MM-dd} is outside the accepted range {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}.";
}
