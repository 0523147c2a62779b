namespace SesReview.Workflows;

/// <summary>
/// Settings of the review workflows (section <c>Workflows</c>). Business-day offsets are the rules; the optional
/// <c>*After</c>/<c>*LeadTimes</c> durations replace them for demos and tests that cannot wait for days (each one
/// set replaces only its own rule). <see cref="Validate"/> names the offending key.
/// </summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflows";

    /// <summary>Root URL of the host as approvers reach it; task links are built on it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Positions assessed per activity (10–2,000).</summary>
    public int AssessmentBatchSize { get; set; } = 250;

    /// <summary>An approver's task is due at close of business this many business days after the cycle starts (never after the internal cut-off).</summary>
    public int ApproverDueBusinessDays { get; set; } = 10;

    /// <summary>Reminders go out at the start of business this many business days before the approver's due date.</summary>
    public List<int> ReminderBusinessDaysBefore { get; set; } = [3, 1];

    /// <summary>An overdue task is escalated to the CHCO at its due time, then again every this many business days (0: once).</summary>
    public int EscalationRepeatBusinessDays { get; set; } = 2;

    /// <summary>Decisions close at close of business this many business days before OPM's deadline; undecided positions are reported as pending.</summary>
    public int InternalCutOffBusinessDaysBeforeDeadline { get; set; } = 2;

    /// <summary>The CHCO is warned this many business days before OPM's deadline if the package is not yet submitted.</summary>
    public int DeadlineAtRiskBusinessDays { get; set; } = 5;

    /// <summary>Start of business in the agency's time zone, when reminders and warnings go out.</summary>
    public TimeOnly StartOfBusiness { get; set; } = new(9, 0);

    /// <summary>Attempts of a failing activity before its step, and so the cycle, fails with the activity's error (1–10).</summary>
    public int ActivityRetryAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; each later wait doubles, at most 2 minutes (0.1 s–5 min).</summary>
    public TimeSpan ActivityRetryFirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Demo/test: the approver's task is due this long after it is created.</summary>
    public TimeSpan? ApproverDueAfter { get; set; }

    /// <summary>Demo/test: reminders this long before the approver's due time.</summary>
    public List<TimeSpan>? ReminderLeadTimes { get; set; }

    /// <summary>Demo/test: repeat an escalation this long after the previous one (zero: once).</summary>
    public TimeSpan? EscalationRepeatAfter { get; set; }

    /// <summary>Demo/test: decisions close this long after the cycle starts.</summary>
    public TimeSpan? InternalCutOffAfter { get; set; }

    /// <summary>Demo/test: warn the CHCO this long before OPM's deadline.</summary>
    public TimeSpan? DeadlineAtRiskLeadTime { get; set; }

    public void Validate()
    {
        const string p = SectionName + ":";
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            Fail($"{p}PublicBaseUrl", "must be an absolute http(s) URL");
        if (AssessmentBatchSize is < 10 or > 2000) Fail($"{p}AssessmentBatchSize", "must be between 10 and 2000");
        if (ApproverDueBusinessDays is < 1 or > 60) Fail($"{p}ApproverDueBusinessDays", "must be between 1 and 60");
        if (ReminderBusinessDaysBefore is null || ReminderBusinessDaysBefore.Any(d => d is < 1 or > 30))
            Fail($"{p}ReminderBusinessDaysBefore", "must list business days between 1 and 30");
        if (EscalationRepeatBusinessDays is < 0 or > 30) Fail($"{p}EscalationRepeatBusinessDays", "must be between 0 and 30");
        if (InternalCutOffBusinessDaysBeforeDeadline is < 0 or > 30) Fail($"{p}InternalCutOffBusinessDaysBeforeDeadline", "must be between 0 and 30");
        if (DeadlineAtRiskBusinessDays is < 0 or > 30) Fail($"{p}DeadlineAtRiskBusinessDays", "must be between 0 and 30");
        if (ActivityRetryAttempts is < 1 or > 10) Fail($"{p}ActivityRetryAttempts", "must be between 1 and 10");
        if (ActivityRetryFirstInterval < TimeSpan.FromMilliseconds(100) || ActivityRetryFirstInterval > TimeSpan.FromMinutes(5))
            Fail($"{p}ActivityRetryFirstInterval", "must be between 00:00:00.1 and 00:05:00");
        if (ApproverDueAfter is { } due && due <= TimeSpan.Zero) Fail($"{p}ApproverDueAfter", "must be positive");
        if (ReminderLeadTimes is not null && ReminderLeadTimes.Any(t => t <= TimeSpan.Zero)) Fail($"{p}ReminderLeadTimes", "must be positive durations");
        if (EscalationRepeatAfter is { } repeat && repeat < TimeSpan.Zero) Fail($"{p}EscalationRepeatAfter", "must not be negative");
        if (InternalCutOffAfter is { } cut && cut <= TimeSpan.Zero) Fail($"{p}InternalCutOffAfter", "must be positive");
        if (DeadlineAtRiskLeadTime is { } lead && lead < TimeSpan.Zero) Fail($"{p}DeadlineAtRiskLeadTime", "must not be negative");
    }

    private static void Fail(string key, string problem) => throw new InvalidOperationException($"Setting '{key}' {problem}.");
}
