using System.Globalization;
using SesReview.Domain.Calendar;
using SesReview.Domain.Settings;

namespace SesReview.Domain.Forecasting;

/// <summary>
/// Forecasts when each approver task and the cycle will be complete from the pace so far, against the internal cut-off and
/// OPM's deadline. Pure: it reads only its arguments (dates are the agency's local dates; "today" is passed in).
/// <list type="bullet">
/// <item>An approver who has answered keeps their own pace: positions decided ÷ business days since their first decision
/// (so a late surge counts at its real speed, not diluted by the quiet days before it).</item>
/// <item>An approver who has not answered yet is expected to answer the cycle's typical number of business days after their
/// latest notice or reminder (the median of the approvers who have answered) and then to work at the median pace.</item>
/// <item>An approver with no answer that long plus <see cref="ForecastOptions.StalledAfterBusinessDays"/>, or with no new
/// decision for that many business days while positions remain, is stalled: no forecast, and the cycle misses the cut-off.</item>
/// </list>
/// </summary>
public sealed class DeadlineForecaster
{
    private readonly BusinessCalendar _calendar;
    private readonly ForecastOptions _options;

    public DeadlineForecaster(BusinessCalendar calendar, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _calendar = calendar;
        _options = options;
    }

    public CycleForecast Forecast(IReadOnlyList<TaskHistory> tasks, DateOnly today, DateOnly cutOff, DateOnly opmDeadline)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var answered = tasks.Where(t => t.DecidedOn.Count > 0 && t.NoticesOn.Count > 0).ToList();
        var typicalLag = answered.Count == 0 ? _options.DefaultFirstAnswerBusinessDays
            : (int)Math.Round(Median(answered.Select(t => (double)FirstAnswer(t)!.Value)));
        var paces = tasks.Where(t => t.DecidedOn.Count > 0).Select(t => OwnPace(t, today)).ToList();
        var typicalPace = paces.Count == 0 ? _options.DefaultPositionsPerBusinessDay : Median(paces);

        var forecasts = tasks.Select(t => ForecastTask(t, today, cutOff, typicalLag, typicalPace)).ToList();
        DateOnly? completes = forecasts.Any(f => f.CompletesOn is null) ? null
            : forecasts.Select(f => f.CompletesOn!.Value).DefaultIfEmpty(today).Max();
        var misses = completes is null || completes > cutOff;
        var drivers = forecasts.Where(f => f.MissesCutOff)
            .OrderByDescending(f => f.Stalled).ThenByDescending(f => f.CompletesOn).ThenBy(f => f.TaskId, StringComparer.Ordinal)
            .Select(f => f.TaskId).ToList();
        return new CycleForecast(today, cutOff, opmDeadline, tasks.Sum(t => t.Positions), forecasts.Sum(f => f.Decided), forecasts,
            completes, misses, completes is null || completes > opmDeadline, drivers, Series(tasks, today));
    }

    private TaskForecast ForecastTask(TaskHistory t, DateOnly today, DateOnly cutOff, int typicalLag, double typicalPace)
    {
        var decided = Math.Min(t.DecidedOn.Count, t.Positions);
        var remaining = t.Positions - decided;
        var firstAnswer = FirstAnswer(t);
        if (remaining == 0)
        {
            var doneOn = t.DecidedOn.Count == 0 ? today : t.DecidedOn.Max();
            return new(t.TaskId, t.Approver, t.Positions, decided, decided == 0 ? 0 : OwnPace(t, today), firstAnswer, doneOn, false, doneOn > cutOff,
                $"All {t.Positions} decided by {Iso(doneOn)}.");
        }
        if (decided > 0)
        {
            var pace = OwnPace(t, today);
            var last = t.DecidedOn.Max();
            var quiet = _calendar.BusinessDaysBetween(last, today);
            if (quiet > _options.StalledAfterBusinessDays)
            {
                return new(t.TaskId, t.Approver, t.Positions, decided, pace, firstAnswer, null, true, true,
                    $"{decided} of {t.Positions} decided, none since {Iso(last)} ({quiet} business days): stalled.");
            }
            var completes = _calendar.AddBusinessDays(today, (int)Math.Ceiling(remaining / pace));
            return new(t.TaskId, t.Approver, t.Positions, decided, pace, firstAnswer, completes, false, completes > cutOff,
                $"{decided} of {t.Positions} decided at {Rate(pace)} per business day since {Iso(t.DecidedOn.Min())}: {remaining} left, done about {Iso(completes)}.");
        }
        var lastNotice = t.NoticesOn.Count == 0 ? today : t.NoticesOn.Max();
        var waited = _calendar.BusinessDaysBetween(lastNotice, today);
        if (t.NoticesOn.Count > 0 && waited > typicalLag + _options.StalledAfterBusinessDays)
        {
            return new(t.TaskId, t.Approver, t.Positions, 0, 0, null, null, true, true,
                $"No answer to {t.NoticesOn.Count} notice(s) since {Iso(t.NoticesOn.Min())}; {waited} business days since the last, where approvers typically answer in {typicalLag}: stalled.");
        }
        var start = _calendar.AddBusinessDays(lastNotice, typicalLag);
        if (start < today) start = today;
        var done = _calendar.AddBusinessDays(start, Math.Max(1, (int)Math.Ceiling(t.Positions / typicalPace)));
        return new(t.TaskId, t.Approver, t.Positions, 0, typicalPace, null, done, false, done > cutOff,
            $"No answer yet; expected about {Iso(start)} (typical first answer {typicalLag} business days after a notice), then {Rate(typicalPace)} per business day: done about {Iso(done)}.");
    }

    /// <summary>Decided ÷ business days from the first decision through today, counting the first day.</summary>
    private double OwnPace(TaskHistory t, DateOnly today)
    {
        var first = t.DecidedOn.Min();
        var days = Math.Max(1, _calendar.BusinessDaysBetween(first, today < first ? first : today) + 1);
        return Math.Min(t.DecidedOn.Count, t.Positions) / (double)days;
    }

    private int? FirstAnswer(TaskHistory t) => t.DecidedOn.Count == 0 || t.NoticesOn.Count == 0 ? null
        : Math.Max(0, _calendar.BusinessDaysBetween(t.NoticesOn.Min(), t.DecidedOn.Min()));

    private IReadOnlyList<ForecastPoint> Series(IReadOnlyList<TaskHistory> tasks, DateOnly today)
    {
        var starts = tasks.SelectMany(t => t.NoticesOn.Concat(t.DecidedOn)).ToList();
        if (starts.Count == 0) return [];
        var perDay = tasks.SelectMany(t => t.DecidedOn).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var points = new List<ForecastPoint>();
        var total = 0;
        for (var day = starts.Min(); day <= today; day = day.AddDays(1))
        {
            total += perDay.GetValueOrDefault(day);
            if (_calendar.IsBusinessDay(day) || day == today) points.Add(new ForecastPoint(day, total));
        }
        return points;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Rate(double pace) => pace.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
