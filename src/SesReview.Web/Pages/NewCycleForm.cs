using System.Globalization;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>The fields of the new-cycle form as typed, kept to re-render the form after errors.</summary>
internal sealed record NewCycleForm(
    string Kind, string Agency, string MemoDate, string Deadline, string ChcoName, string ChcoEmail, string SignerName, string SignerEmail,
    string Approvers, string PlumAgency, string PlumKnownGeneralAsOf, string PlumSnapshotDate, string InventoryUploadId, string SignerTitle = "",
    string PlumUploadId = "", bool IncludePlumCrossCheck = false)
{
    public static readonly NewCycleForm Blank = new(CycleKinds.Designation, "", "", "", "", "", "", "", "", "", "", "", "");

    /// <summary>The form as it opens: a designation review whose memo is dated today, so the defaults start a valid cycle.</summary>
    public static NewCycleForm Initial(CycleDefaults defaults) =>
        Blank with { MemoDate = defaults.MemoDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    public static NewCycleForm From(IFormCollection form)
    {
        string F(string name) => form[name].ToString().Trim();
        return new(F("kind"), F("agency"), F("memoDate"), F("deadline"), F("chcoName"), F("chcoEmail"), F("signerName"), F("signerEmail"),
            form["approvers"].ToString(), F("plumAgency"), F("plumKnownGeneralAsOf"), F("plumSnapshotDate"), F("inventoryUploadId"), F("signerTitle"),
            F("plumUploadId"), form["includePlumCrossCheck"].ToString() is "on" or "true");
    }

    /// <summary>The request to start, or the fields that could not be read (dates, approver lines).</summary>
    public (StartCycleRequest Request, List<FieldError> Errors) ToRequest(string? uploadId)
    {
        var errors = new List<FieldError>();
        var approvers = new List<ApproverAssignment>();
        var lines = Approvers.Split('\n', StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var parts = lines[i].Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            {
                errors.Add(new FieldError($"approvers line {i + 1}", $"'{lines[i]}' is not written as 'component; name; email'."));
                continue;
            }
            approvers.Add(new ApproverAssignment(parts[0], new Person(parts[1], parts[2])));
        }
        var request = new StartCycleRequest
        {
            Kind = Kind,
            Agency = NullIfEmpty(Agency),
            MemoDate = Api.UploadForm.Date("memoDate", MemoDate, errors),
            Deadline = Api.UploadForm.Date("deadline", Deadline, errors),
            InventoryUploadId = uploadId ?? NullIfEmpty(InventoryUploadId),
            Chco = PersonOf(ChcoName, ChcoEmail),
            Signer = PersonOf(SignerName, SignerEmail) is { } signer && SignerTitle.Length > 0 ? signer with { Title = SignerTitle } : PersonOf(SignerName, SignerEmail),
            Approvers = approvers,
            PlumUploadId = NullIfEmpty(PlumUploadId),
            IncludePlumCrossCheck = IncludePlumCrossCheck,
        };
        return (request, errors);
    }

    private static Person? PersonOf(string name, string email) => name.Length == 0 && email.Length == 0 ? null : new Person(name, email);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
