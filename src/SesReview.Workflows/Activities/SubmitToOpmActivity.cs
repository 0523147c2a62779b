using Microsoft.DurableTask;
using SesReview.Domain.Calendar;
using SesReview.Notifications;
using SesReview.Notifications.Templates;
using SesReview.Workflows.Audit;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Orchestrations;

namespace SesReview.Workflows.Activities;

/// <summary>
/// Emails the signed-off package to the OPM mailbox with the workbook attached, then records the submission (message
/// id, time, SHA-256 of the attachment). <b>Exactly once</b>: the message key <c>submission/opm</c> goes through the
/// notification ledger, so a re-run after a crash returns the first receipt and sends nothing; the record is
/// insert-only and the audit entry is de-duplicated by the same key.
/// </summary>
public sealed class SubmitToOpmActivity(
    CycleStore store, INotificationSender sender, NotificationOptions notifications, IAuditTrail audit, CycleLiveness liveness, BusinessCalendar calendar, TimeProvider time)
    : TaskActivity<CycleRef, SubmissionRecord>
{
    public const string MessageKey = "submission/opm";

    public override async Task<SubmissionRecord> RunAsync(TaskActivityContext context, CycleRef input)
    {
        var ct = CancellationToken.None;
        var cycle = await store.RequireCycleAsync(input.CycleId, ct);
        var existing = await store.GetSubmissionAsync(cycle.CycleId, ct);
        if (existing is not null) return existing;
        // Cancelled while this activity was already on its way: nothing goes to OPM.
        if (!await liveness.IsLiveAsync(cycle.CycleId, ct))
            throw new InvalidOperationException($"Cycle '{cycle.CycleId}' was cancelled or has ended; the package was not sent to OPM.");

        var package = await store.GetPackageAsync(cycle.CycleId, ct) ?? throw new InvalidOperationException($"Cycle '{cycle.CycleId}' has no package to submit.");
        var file = await store.GetPackageFileAsync(cycle.CycleId, ct) ?? throw new InvalidOperationException($"The package file of cycle '{cycle.CycleId}' is missing.");
        var signOff = (await store.ListSignOffsAsync(cycle.CycleId, ct)).LastOrDefault(s => s.Approved)
            ?? throw new InvalidOperationException($"Cycle '{cycle.CycleId}' is not signed off.");
        string memoTitle = cycle.Kind == CycleKind.DesignationReview
            ? "Review of Career Reserved Senior Executive Service Position Designations"
            : "Executive Resources Allocations Review";
        var content = NotificationTemplates.OpmSubmission(new OpmSubmissionModel(
            cycle.Agency, memoTitle, cycle.MemoDate, file.FileName, package.Summary, signOff.ByName, new AgencyInstant(signOff.At, calendar.TimeZone), cycle.Chco.Name, cycle.Chco.Email));
        var message = NotificationMessage.Create(cycle.CycleId, MessageKey, NotificationKind.Submission, [notifications.OpmMailbox], content) with
        {
            Cc = [cycle.Chco.Email],
            Attachments = [new NotificationAttachment(file.FileName, PackageFile.ContentType, file.Content)],
        };
        var receipt = await sender.SendAsync(message, ct);
        var submission = new SubmissionRecord(receipt.ProviderMessageId, receipt.SentAt, notifications.OpmMailbox, file.FileName,
            receipt.AttachmentSha256 ?? file.Sha256, receipt.SentAt > cycle.DueAt);
        await store.SaveSubmissionAsync(cycle.CycleId, submission, ct);
        await audit.AppendAsync(new AuditEntry(cycle.CycleId, time.GetUtcNow(), AuditKinds.Submission, "system", "email", null,
            $"{file.FileName} (SHA-256 {submission.AttachmentSha256}) sent to {notifications.OpmMailbox}, message {receipt.ProviderMessageId}" +
            (submission.AfterDeadline ? $"; AFTER the deadline {AgencyTime.Format(cycle.DueAt, calendar.TimeZone)}" : "")),
            $"notice:{MessageKey}", ct);
        return await store.GetSubmissionAsync(cycle.CycleId, ct) ?? submission;
    }
}
