using SesReview.Domain.Calendar;

namespace SesReview.Notifications.Templates;

/// <summary>An approver's task: decide <paramref name="PositionCount"/> positions by <paramref name="DueDate"/> on the
/// page behind <paramref name="SignedLink"/> (HMAC-signed, expiring; created by the caller). For an allocation proposal
/// task the count is of components (<paramref name="Items"/>).</summary>
public sealed record ApprovalTaskModel(
    string Agency, string CycleTitle, string ApproverName, int PositionCount, DateOnly DueDate, string SignedLink,
    TaskItems Items = TaskItems.Positions);

/// <summary>A reminder <paramref name="BusinessDaysLeft"/> business days before the approver's due date.</summary>
public sealed record ReminderModel(
    string Agency, string CycleTitle, string ApproverName, int PositionsUndecided, int BusinessDaysLeft, DateOnly DueDate, string SignedLink,
    TaskItems Items = TaskItems.Positions);

/// <summary>Tells the CHCO that an approver's task is overdue since <paramref name="OverdueSince"/>.</summary>
public sealed record EscalationModel(
    string Agency, string CycleTitle, string ChcoName, string ApproverName, string ApproverEmail, DateOnly OverdueSince,
    int PositionsUndecided, string DashboardLink);

/// <summary>Warns the CHCO that the OPM deadline is at risk.</summary>
public sealed record DeadlineAtRiskModel(
    string Agency, string CycleTitle, string ChcoName, AgencyInstant OpmDeadline, int BusinessDaysLeft,
    int PositionsUndecided, int OverdueTasks, string DashboardLink, string? Forecast = null);

/// <summary>Asks the signer (CHCO or agency head) to sign off the final package. <paramref name="PositionCount"/>: positions
/// reported (designation review) or allocation lines (allocation review).</summary>
public sealed record SignOffRequestModel(
    string Agency, string CycleTitle, string SignerName, int PositionCount, string Summary, AgencyInstant OpmDeadline, string SignOffLink);

/// <summary>The email to OPM that carries the final workbook.</summary>
public sealed record OpmSubmissionModel(
    string Agency, string MemoTitle, DateOnly MemoDate, string AttachmentFileName, string Summary,
    string SignedOffBy, AgencyInstant SignedOffAt, string ContactName, string ContactEmail);
