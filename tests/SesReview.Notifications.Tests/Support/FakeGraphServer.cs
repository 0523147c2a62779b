using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SesReview.Notifications.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 (free port) that plays the few Graph endpoints the sender calls, keeps a tiny mailbox
/// (items with their extended properties, draft or sent) and records every request with its JSON body. Requests
/// without the test bearer token get 401.
/// </summary>
public sealed partial class FakeGraphServer : IAsyncDisposable
{
    public const string Token = "test-token";
    private readonly WebApplication _app;
    private int _nextId;

    private FakeGraphServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public ConcurrentDictionary<string, MailItem> Mailbox { get; } = new();

    /// <summary>The next N send calls answer 500 (after which the draft stays a draft).</summary>
    public int FailNextSends;

    /// <summary>Status the Teams endpoint answers (204 = success).</summary>
    public int TeamsStatus = 204;

    public static async Task<FakeGraphServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGraphServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = address.TrimEnd('/') + "/v1.0";
        return server;
    }

    public IReadOnlyList<RecordedRequest> Matching(string method, string pathPattern) =>
        Requests.Where(r => r.Method == method && Regex.IsMatch(r.Path, pathPattern)).ToList();

    public IReadOnlyList<RecordedRequest> DraftCreations => Matching("POST", @"^/v1\.0/users/[^/]+/messages$");
    public IReadOnlyList<RecordedRequest> Sends => Matching("POST", @"^/v1\.0/users/[^/]+/messages/[^/]+/send$");
    public IReadOnlyList<RecordedRequest> Lookups => Matching("GET", @"^/v1\.0/users/[^/]+/messages$");
    public IReadOnlyList<RecordedRequest> TeamsNotifications => Matching("POST", @"^/v1\.0/users/[^/]+/teamwork/sendActivityNotification$");

    /// <summary>Puts an item carrying <paramref name="keyValue"/> in the mailbox, as a crashed attempt would have left it.</summary>
    public MailItem AddItem(string keyValue, bool isDraft)
    {
        var item = new MailItem($"existing-{Interlocked.Increment(ref _nextId)}", $"<existing-{_nextId}@fake.test>", keyValue, isDraft,
            DateTimeOffset.UtcNow.AddMinutes(-5), isDraft ? null : DateTimeOffset.UtcNow.AddMinutes(-4));
        Mailbox[item.Id] = item;
        return item;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body = await new StreamReader(request.Body).ReadToEndAsync();
        var recorded = new RecordedRequest(request.Method, request.Path.Value ?? "", request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            body.Length == 0 ? null : JsonNode.Parse(body), request.Headers.Authorization.ToString());
        Requests.Enqueue(recorded);

        if (recorded.Authorization != $"Bearer {Token}")
        {
            await Error(context, 401, "InvalidAuthenticationToken", "Access token is empty or wrong.");
            return;
        }

        string path = recorded.Path;
        Match m;
        if (request.Method == "POST" && (m = DraftPath().Match(path)).Success)
        {
            var json = recorded.Body!.AsObject();
            string key = json["singleValueExtendedProperties"]?[0]?["value"]?.GetValue<string>() ?? "";
            int n = Interlocked.Increment(ref _nextId);
            var item = new MailItem($"draft-{n}", $"<msg-{n}@fake.test>", key, true, DateTimeOffset.UtcNow, null);
            Mailbox[item.Id] = item;
            await Json(context, 201, item.ToJson());
        }
        else if (request.Method == "POST" && (m = SendPath().Match(path)).Success)
        {
            string id = Uri.UnescapeDataString(m.Groups["id"].Value);
            if (Interlocked.Decrement(ref FailNextSends) >= 0)
            {
                await Error(context, 500, "generalException", "Simulated failure of send.");
                return;
            }
            if (!Mailbox.TryGetValue(id, out var item) || !item.IsDraft)
            {
                await Error(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
                return;
            }
            Mailbox[id] = item with { IsDraft = false, SentDateTime = DateTimeOffset.UtcNow };
            context.Response.StatusCode = 202;
        }
        else if (request.Method == "GET" && DraftPath().IsMatch(path))
        {
            string filter = recorded.Query.GetValueOrDefault("$filter") ?? "";
            var f = FilterPattern().Match(filter);
            if (!f.Success)
            {
                await Error(context, 400, "BadRequest", $"Unsupported filter: {filter}");
                return;
            }
            string value = f.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
            var matches = new JsonArray(Mailbox.Values.Where(i => i.KeyValue == value && f.Groups["id"].Value == Graph.GraphNotificationSender.MessageKeyPropertyId)
                .Select(i => (JsonNode)i.ToJson()).ToArray());
            await Json(context, 200, new JsonObject { ["value"] = matches });
        }
        else if (request.Method == "DELETE" && (m = ItemPath().Match(path)).Success)
        {
            Mailbox.TryRemove(Uri.UnescapeDataString(m.Groups["id"].Value), out _);
            context.Response.StatusCode = 204;
        }
        else if (request.Method == "POST" && TeamsPath().IsMatch(path))
        {
            if (TeamsStatus >= 400) await Error(context, TeamsStatus, "Forbidden", "Simulated Teams failure.");
            else context.Response.StatusCode = TeamsStatus;
        }
        else
        {
            await Error(context, 404, "NotFound", $"Fake Graph does not serve {request.Method} {path}");
        }
    }

    private static Task Json(HttpContext context, int status, JsonNode json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex(@"^/v1\.0/users/(?<user>[^/]+)/messages$")]
    private static partial Regex DraftPath();

    [GeneratedRegex(@"^/v1\.0/users/(?<user>[^/]+)/messages/(?<id>[^/]+)/send$")]
    private static partial Regex SendPath();

    [GeneratedRegex(@"^/v1\.0/users/(?<user>[^/]+)/messages/(?<id>[^/]+)$")]
    private static partial Regex ItemPath();

    [GeneratedRegex(@"^/v1\.0/users/(?<user>[^/]+)/teamwork/sendActivityNotification$")]
    private static partial Regex TeamsPath();

    [GeneratedRegex(@"^singleValueExtendedProperties/Any\(ep: ep/id eq '(?<id>[^']+)' and ep/value eq '(?<value>(?:[^']|'')*)'\)$")]
    private static partial Regex FilterPattern();
}

public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, JsonNode? Body, string Authorization);

public sealed record MailItem(string Id, string InternetMessageId, string KeyValue, bool IsDraft, DateTimeOffset CreatedDateTime, DateTimeOffset? SentDateTime)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["internetMessageId"] = InternetMessageId,
        ["isDraft"] = IsDraft,
        ["createdDateTime"] = CreatedDateTime.ToString("O"),
        ["sentDateTime"] = SentDateTime?.ToString("O"),
    };
}
