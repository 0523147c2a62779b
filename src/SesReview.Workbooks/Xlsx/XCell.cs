namespace SesReview.Workbooks.Xlsx;

/// <summary>A typed cell value: text, number, date or date-time; <see cref="Empty"/> writes no cell.</summary>
internal readonly struct XCell
{
    public enum Kind : byte { Empty, Text, Number, Date, DateTime }

    private XCell(Kind kind, string? text, double number)
    {
        ValueKind = kind;
        Text = text;
        Number = number;
    }

    public Kind ValueKind { get; }
    public string? Text { get; }
    public double Number { get; }

    public static readonly XCell Empty = default;

    public static XCell Of(string? text) => string.IsNullOrEmpty(text) ? Empty : new(Kind.Text, text, 0);
    public static XCell Of(int number) => new(Kind.Number, null, number);
    public static XCell Of(int? number) => number is null ? Empty : Of(number.Value);
    public static XCell Of(double number) => new(Kind.Number, null, number);
    public static XCell Of(decimal number) => new(Kind.Number, null, (double)number);
    public static XCell Of(DateOnly date) => new(Kind.Date, null, ExcelDates.ToSerial(date));
    public static XCell Of(DateOnly? date) => date is null ? Empty : Of(date.Value);

    /// <summary>A moment as a UTC date-time serial (Excel has no time zones).</summary>
    public static XCell Of(DateTimeOffset? moment) =>
        moment is null ? Empty : new(Kind.DateTime, null, ExcelDates.ToSerial(moment.Value.UtcDateTime));

    public static implicit operator XCell(string? text) => Of(text);
    public static implicit operator XCell(int number) => Of(number);
    public static implicit operator XCell(DateOnly date) => Of(date);
}
