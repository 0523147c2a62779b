namespace SesReview.Workbooks.Layouts;

/// <summary>Column headers of OPM's PLUM export CSV (the online Plum Book) that the PLUM importer reads.</summary>
public static class PlumLayout
{
    public const string AgencyName = "AgencyName";
    public const string OrganizationName = "OrganizationName";
    public const string PositionTitle = "PositionTitle";
    public const string PositionStatus = "PositionStatus";
    public const string AppointmentTypeDescription = "AppointmentTypeDescription";
    public const string Location = "Location";
    public const string IncumbentFirstName = "IncumbentFirstName";
    public const string IncumbentLastName = "IncumbentLastName";
    public const string PaymentPlanDescription = "PaymentPlanDescription";
    public const string IncumbentBeginDate = "IncumbentBeginDate";
    public const string IncumbentVacateDate = "IncumbentVacateDate";

    /// <summary>Columns that must be present in the header (others, e.g. LevelGradePay, Tenure, are ignored).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        AgencyName, OrganizationName, PositionTitle, PositionStatus, AppointmentTypeDescription, Location,
        IncumbentFirstName, IncumbentLastName, PaymentPlanDescription, IncumbentBeginDate, IncumbentVacateDate,
    ];

    /// <summary>PositionStatus value of a position with no incumbent.</summary>
    public const string VacantStatus = "Vacant";

    /// <summary>Date formats seen in the export: "3/6/2024 12:00:00 AM" and "03/06/2024 00:00:00"; only the date part is kept.</summary>
    public static readonly string[] DateFormats =
        ["M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm", "M/d/yyyy", "yyyy-MM-dd"];
}
