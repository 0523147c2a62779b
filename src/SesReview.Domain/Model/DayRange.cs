namespace SesReview.Domain.Model;

/// <summary>Whole days <see cref="First"/> through <see cref="Last"/>, both inclusive. Empty when Last &lt; First.</summary>
public readonly record struct DayRange(DateOnly First, DateOnly Last)
{
    public bool IsEmpty => Last < First;

    /// <summary>Number of days in the range; 0 when empty.</summary>
    public int Days => IsEmpty ? 0 : Last.DayNumber - First.DayNumber + 1;

    public bool Contains(DateOnly day) => First <= day && day <= Last;

    /// <summary>The days both ranges share (possibly empty).</summary>
    public DayRange Intersect(DayRange other) =>
        new(First > other.First ? First : other.First, Last < other.Last ? Last : other.Last);

    /// <summary>
    /// Sorts and merges overlapping or touching ranges (e.g. 1–10 and 11–20 become 1–20), dropping empty ones.
    /// The result is sorted and disjoint, so its days can be summed without double counting.
    /// </summary>
    public static List<DayRange> Merge(IEnumerable<DayRange> ranges)
    {
        var sorted = ranges.Where(r => !r.IsEmpty).OrderBy(r => r.First).ToList();
        var merged = new List<DayRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.First.DayNumber <= merged[^1].Last.DayNumber + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { Last = r.Last > last.Last ? r.Last : last.Last };
            }
            else
            {
                merged.Add(r);
            }
        }
        return merged;
    }

    /// <summary>Days shared by two sorted, disjoint lists of ranges (as <see cref="Merge"/> returns). Linear time.</summary>
    public static int OverlapDays(IReadOnlyList<DayRange> a, IReadOnlyList<DayRange> b)
    {
        int i = 0, j = 0, days = 0;
        while (i < a.Count && j < b.Count)
        {
            days += a[i].Intersect(b[j]).Days;
            if (a[i].Last < b[j].Last) i++; else j++;
        }
        return days;
    }
}
