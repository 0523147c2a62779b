namespace SesReview.Domain.Calendar;

/// <summary>One legal public holiday of one year.</summary>
/// <param name="Date">The holiday's date in law (e.g. July 4).</param>
/// <param name="ObservedDate">The day federal offices close: Friday before a Saturday holiday, Monday after a Sunday one.
/// May fall in the previous year (New Year's Day on a Saturday is observed December 31).</param>
public sealed record FederalHoliday(string Name, DateOnly Date, DateOnly ObservedDate);
