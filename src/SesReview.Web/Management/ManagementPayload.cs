using SesReview.Workflows.Hosting;

namespace SesReview.Web.Management;

/// <summary>
/// The payload Durable Functions' <c>CreateCheckStatusResponse</c> returns, with absolute URIs under
/// <c>/runtime/webhooks/durabletask/instances/{id}</c>, plus this host's cycle status page. The URIs start with the
/// configured public base URL (<c>Workflows:PublicBaseUrl</c>), never the request's Host header, which the caller chooses. The URIs carry
/// <c>?code={system key}</c> only when the caller itself presented the system key: <c>/api</c> has no sign-in of its own
/// here, so handing the key to any caller would open the management routes to everyone who can start a cycle.
/// <c>{eventName}</c> and <c>{text}</c> are left for the caller to fill in, as Azure Functions does.
/// </summary>
internal sealed record ManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string CycleStatusUri)
{
    public const string InstancesPath = "/runtime/webhooks/durabletask/instances";

    public static ManagementPayload For(HttpRequest request, string instanceId)
    {
        var baseUrl = request.HttpContext.RequestServices.GetRequiredService<SesReview.Workflows.WorkflowOptions>().PublicBaseUrl.TrimEnd('/');
        var instance = $"{baseUrl}{InstancesPath}/{Uri.EscapeDataString(instanceId)}";
        var key = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSetting(ManagementSettings.SystemKey);
        var code = key is not null && SystemKeyFilter.KeysMatch(SystemKeyFilter.Presented(request), key) ? "code=" + Uri.EscapeDataString(key) : "";
        string With(string url, string? query = null)
        {
            var parts = new[] { query, code }.Where(p => !string.IsNullOrEmpty(p));
            var q = string.Join("&", parts);
            return q.Length == 0 ? url : url + "?" + q;
        }
        return new ManagementPayload(
            instanceId,
            With(instance),
            With(instance + "/raiseEvent/{eventName}"),
            With(instance + "/terminate", "reason={text}"),
            With(instance),
            With(instance + "/suspend", "reason={text}"),
            With(instance + "/resume", "reason={text}"),
            $"{baseUrl}/api/cycles/{Uri.EscapeDataString(instanceId)}");
    }
}
