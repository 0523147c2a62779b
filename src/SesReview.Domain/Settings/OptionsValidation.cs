namespace SesReview.Domain.Settings;

/// <summary>
/// Thrown by the options classes' <c>Validate()</c>. <see cref="Key"/> is the configuration key at fault
/// (for example <c>SesReview:DesignationReview:MajorityDays</c>) so start-up logs name what to fix.
/// </summary>
public sealed class OptionsValidationException(string key, string message)
    : Exception($"Invalid setting {key}: {message}")
{
    public string Key { get; } = key;
}

internal static class OptionsValidation
{
    public static string Key(string section, string property) => $"{section}:{property}";

    public static void Require(bool condition, string section, string property, string message)
    {
        if (!condition)
        {
            throw new OptionsValidationException(Key(section, property), message);
        }
    }
}
