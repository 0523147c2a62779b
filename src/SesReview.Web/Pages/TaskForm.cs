using System.Globalization;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;

namespace SesReview.Web.Pages;

/// <summary>
/// Field names of the task forms and how a posted form becomes the service's inputs. Names carry the key in brackets:
/// <c>decision[P-001]</c> = <c>revert</c> | <c>retain</c>, <c>justification[P-001]</c>; <c>adjustment[Office of X|ES]</c>,
/// <c>reason[...]</c>, <c>justification[...]</c>; <c>redesignationPosition[0]</c>, <c>redesignationTo[0]</c> (<c>CR</c> | <c>GE</c>),
/// <c>redesignationJustification[0]</c>; sign-off <c>action</c> = <c>approve</c> | <c>sendBack</c> and <c>note</c>, plus
/// <c>confirm</c> = <c>yes</c> on an approval: an approval without it records nothing and answers the confirmation page.
/// </summary>
internal static class TaskForm
{
    public const string Revert = "revert";
    public const string Retain = "retain";
    public const string Approve = "approve";
    public const string SendBack = "sendBack";
    public const string ConfirmField = "confirm";
    public const string Confirmed = "yes";

    public static string Field(string name, string key) => $"{name}[{key}]";

    public static string LineKey(string component, PayPlan payPlan) => $"{component}|{payPlan}";

    /// <summary>The keys of every posted field named <c>name[key]</c>.</summary>
    public static IEnumerable<string> Keys(IFormCollection form, string name) =>
        form.Keys.Where(k => k.StartsWith(name + "[", StringComparison.Ordinal) && k.EndsWith(']')).Select(k => k[(name.Length + 1)..^1]);

    private static string? Text(IFormCollection form, string field) => form[field].ToString().Trim() is { Length: > 0 } t ? t : null;

    public static (List<DecisionInput> Decisions, List<FieldError> Errors) Decisions(IFormCollection form)
    {
        var decisions = new List<DecisionInput>();
        var errors = new List<FieldError>();
        foreach (var positionId in Keys(form, "decision"))
        {
            var field = Field("decision", positionId);
            var justification = Text(form, Field("justification", positionId));
            switch (form[field].ToString())
            {
                case Revert: decisions.Add(new DecisionInput(positionId, ProposedAction.RevertToGeneral, justification)); break;
                case Retain: decisions.Add(new DecisionInput(positionId, ProposedAction.RequestRetention, justification)); break;
                case "": break;
                default: errors.Add(new FieldError(field, $"Choose '{Revert}' or '{Retain}'.")); break;
            }
        }
        if (decisions.Count == 0 && errors.Count == 0) errors.Add(new FieldError("decision", "Choose a decision for at least one position."));
        return (decisions, errors);
    }

    public static (List<ProposalInput> Proposals, List<RedesignationInput> Redesignations, List<FieldError> Errors) Proposals(IFormCollection form)
    {
        var proposals = new List<ProposalInput>();
        var errors = new List<FieldError>();
        foreach (var key in Keys(form, "adjustment"))
        {
            var field = Field("adjustment", key);
            var bar = key.LastIndexOf('|');
            if (bar <= 0 || !Enum.TryParse<PayPlan>(key[(bar + 1)..], ignoreCase: false, out var payPlan) || !Enum.IsDefined(payPlan))
            {
                errors.Add(new FieldError(field, "Unknown allocation line."));
                continue;
            }
            var text = form[field].ToString().Trim();
            var adjustment = 0;
            if (text.Length > 0 && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out adjustment))
            {
                errors.Add(new FieldError(field, $"'{text}' is not a whole number (negative gives positions back)."));
                continue;
            }
            proposals.Add(new ProposalInput(key[..bar], payPlan, adjustment, Text(form, Field("reason", key)), Text(form, Field("justification", key))));
        }

        var redesignations = new List<RedesignationInput>();
        foreach (var index in Keys(form, "redesignationPosition"))
        {
            var positionId = Text(form, Field("redesignationPosition", index));
            if (positionId is null) continue;
            var toField = Field("redesignationTo", index);
            Designation? to = form[toField].ToString() switch { "CR" => Designation.CareerReserved, "GE" => Designation.General, _ => null };
            if (to is null)
            {
                errors.Add(new FieldError(toField, $"Choose CR or GE for position {positionId}."));
                continue;
            }
            redesignations.Add(new RedesignationInput(positionId, to.Value, Text(form, Field("redesignationJustification", index)) ?? ""));
        }
        return (proposals, redesignations, errors);
    }

    /// <summary>The sign-off choice; <c>Confirmed</c> is true only for an approval posted from the confirmation page.</summary>
    public static (bool Approve, bool Confirmed, string? Note, List<FieldError> Errors) SignOff(IFormCollection form)
    {
        var note = Text(form, "note");
        return form["action"].ToString() switch
        {
            Approve => (true, form[ConfirmField].ToString() == Confirmed, note, []),
            SendBack when note is null => (false, false, null, [new FieldError("note", "Say what must change when sending the package back.")]),
            SendBack => (false, false, note, []),
            _ => (false, false, note, [new FieldError("action", $"Choose '{Approve}' or '{SendBack}'.")]),
        };
    }

    public static (Person? To, string? Note, List<FieldError> Errors) Delegation(IFormCollection form)
    {
        var errors = new List<FieldError>();
        var name = Text(form, "name");
        var email = Text(form, "email");
        if (name is null) errors.Add(new FieldError("name", "Name the person who takes over the task."));
        if (email is null) errors.Add(new FieldError("email", "Give the email address the new link is sent to."));
        return (errors.Count == 0 ? new Person(name!, email!) : null, Text(form, "note"), errors);
    }
}
