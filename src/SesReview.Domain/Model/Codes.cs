using System.Diagnostics.CodeAnalysis;

namespace SesReview.Domain.Model;

/// <summary>The one place that maps codes seen in files to the model's enums and back.</summary>
public static class Codes
{
    public static readonly IReadOnlyList<string> PayPlanCodes = ["ES", "SL", "ST"];
    public static readonly IReadOnlyList<string> DesignationCodes = ["CR", "GE"];
    public static readonly IReadOnlyList<string> AppointmentTypeCodes = Enum.GetNames<AppointmentType>();

    public static string ToCode(this Designation designation) => designation switch
    {
        Designation.CareerReserved => "CR",
        Designation.General => "GE",
        _ => throw new ArgumentOutOfRangeException(nameof(designation)),
    };

    public static string ToCode(this PayPlan payPlan) => payPlan.ToString();

    public static string ToCode(this AppointmentType type) => type.ToString();

    public static bool TryParseDesignation(string? code, out Designation designation)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "CR": designation = Designation.CareerReserved; return true;
            case "GE": designation = Designation.General; return true;
            default: designation = default; return false;
        }
    }

    public static bool TryParsePayPlan(string? code, out PayPlan payPlan) =>
        TryParseExact(code, out payPlan);

    public static bool TryParseAppointmentType(string? code, out AppointmentType type) =>
        TryParseExact(code, out type);

    // Enum.TryParse also accepts numbers and comma lists; codes in files must be one of the names.
    private static bool TryParseExact<T>(string? code, [MaybeNullWhen(false)] out T value) where T : struct, Enum
    {
        var trimmed = code?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(trimmed) && Enum.GetNames<T>().Contains(trimmed))
        {
            value = Enum.Parse<T>(trimmed);
            return true;
        }
        value = default;
        return false;
    }
}
