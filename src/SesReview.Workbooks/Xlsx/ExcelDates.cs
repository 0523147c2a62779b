namespace SesReview.Workbooks.Xlsx;

/// <summary>Excel date serials (1900 system, and the 1904 system some Mac workbooks use).</summary>
internal static class ExcelDates
{
    private static readonly DateOnly Epoch1900 = new(1899, 12, 30); // serial 61 = 1900-03-01, as OLE automation dates
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    public static double ToSerial(DateOnly date) => date.DayNumber - Epoch1900.DayNumber;

    public static double ToSerial(DateTime dateTime) =>
        ToSerial(DateOnly.FromDateTime(dateTime)) + dateTime.TimeOfDay.TotalDays;

    /// <summary>
    /// The date of a serial, ignoring any time of day. Serials before 1900-03-01 (1900 system) are refused:
    /// Excel counts a 1900-02-29 that never existed, so they are ambiguous, and no inventory date is that old.
    /// </summary>
    public static bool TryFromSerial(double serial, bool date1904, out DateOnly date)
    {
        date = default;
        if (double.IsNaN(serial) || double.IsInfinity(serial)) return false;
        var days = Math.Floor(serial);
        var epoch = date1904 ? Epoch1904 : Epoch1900;
        var min = date1904 ? 0 : 61;
        var dayNumber = epoch.DayNumber + days;
        if (days < min || dayNumber > DateOnly.MaxValue.DayNumber) return false;
        date = DateOnly.FromDayNumber((int)dayNumber);
        return true;
    }
}
